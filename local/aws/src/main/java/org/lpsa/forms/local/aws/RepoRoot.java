package org.lpsa.forms.local.aws;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's top folder: the nearest folder upwards that holds template.yaml and pom.xml. */
public final class RepoRoot {
    private RepoRoot() {}

    public static Path find() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("template.yaml")) && Files.isRegularFile(candidate.resolve("pom.xml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("No template.yaml above " + dir + ": run from inside the lpsa-forms checkout");
    }
}
