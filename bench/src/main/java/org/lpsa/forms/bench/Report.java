package org.lpsa.forms.bench;

import java.util.List;
import java.util.Map;

/** bench/RESULTS.md and the printed summary, from the figures of one run. */
final class Report {
    static final double COLD_TARGET_MS = 450;
    static final double COLD_RATIO_TARGET = 0.5;
    static final double WARM_HANDLER_P99_TARGET_MS = 1;
    static final long JAR_TARGET_BYTES = 10_000_000;

    private Report() {}

    static String summary(Map<String, Object> r) {
        return String.format("""
                cold registration   %s ms (baseline %s ms, ratio %s; with a CDS archive %s ms; handler init %s ms)
                cold inbound email  %s ms; cold mailer %s ms
                warm registration   p50 %s ms, p99 %s ms; handler's own time p50 %s ms, p99 %s ms; %s bytes allocated per request
                throughput          %s registrations/s at p99 %s ms (concurrency %s), no errors
                package             %s bytes; %s classes loaded for one registration""",
                r.get("cold_registration_ms"), r.get("cold_baseline_ms"), r.get("cold_ratio"), r.get("cold_registration_cds_ms"),
                r.get("cold_registration_init_ms"), r.get("cold_inbound_ms"), r.get("cold_mailer_ms"), r.get("warm_p50_ms"),
                r.get("warm_p99_ms"), r.get("warm_p50_handler_ms"), r.get("warm_p99_handler_ms"), r.get("warm_alloc_bytes_per_request"),
                r.get("throughput_rps"), r.get("throughput_p99_ms"), r.get("throughput_concurrency"), r.get("package_bytes"),
                r.get("classes_loaded_registration"));
    }

    static String markdown(Map<String, Object> r) {
        double cold = number(r, "cold_registration_ms");
        double ratio = number(r, "cold_ratio");
        double warm = number(r, "warm_p99_handler_ms");
        double jar = number(r, "jar_bytes");
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        md.append("Measured by `./lpsa bench` on ").append(r.get("date")).append(", on this project's build machine: ")
                .append(r.get("machine")).append("; ").append(r.get("jdk")).append(". Fresh JVMs run with `")
                .append(r.get("jvm_flags")).append("` (what Lambda's java21 runtime uses). Local emulators on 127.0.0.1 stand in ")
                .append("for DynamoDB, SES and S3, so network time is loopback time: the figures compare code, not AWS.\n\n");
        md.append("## Targets\n\n| target | measured | met |\n| --- | --- | --- |\n");
        md.append(row("cold registration, fresh JVM to response, under 450 ms (median)", cold + " ms", cold < COLD_TARGET_MS));
        md.append(row("cold registration at most 0.5 times the baseline (same run, alternating)", String.valueOf(ratio),
                ratio <= COLD_RATIO_TARGET));
        md.append(row("warm handler's own time, p99 under 1 ms", warm + " ms", warm < WARM_HANDLER_P99_TARGET_MS));
        md.append(row("deployed jar under 10 MB", (long) jar + " bytes", jar < JAR_TARGET_BYTES));
        md.append("\n## Figures\n\n| figure | value |\n| --- | --- |\n");
        for (String key : List.of("cold_registration_ms", "cold_baseline_ms", "cold_ratio", "cold_registration_init_ms",
                "cold_registration_cds_ms", "cold_inbound_ms", "cold_mailer_ms", "warm_p50_ms", "warm_p99_ms", "warm_p50_handler_ms",
                "warm_p99_handler_ms", "warm_alloc_bytes_per_request", "throughput_rps", "throughput_p99_ms", "throughput_concurrency",
                "jar_bytes", "baseline_jar_bytes", "classes_loaded_registration", "run_seconds")) {
            md.append("| `").append(key).append("` | ").append(r.get(key)).append(" |\n");
        }
        md.append("\nEach cold figure is the median of ").append(r.get("cold_runs")).append(" runs; ours and the baseline alternate ")
                .append("(runs: ours ").append(r.get("cold_registration_runs_ms")).append(", baseline ")
                .append(r.get("cold_baseline_runs_ms")).append(").\n");
        md.append("""

                ## What is measured

                - **Cold**: a new JVM builds the handler with its no-argument constructor, as Lambda does, and serves one
                  registration from `events/register-new.json`; wall time from starting the process to the line it
                  prints with the response. Each package is first unpacked into a directory of its own, as Lambda unpacks
                  a deployment package into `/var/task` and loads the classes from there.
                  `cold_registration_init_ms` is the handler's own construction. The inbound email function reads a 20 KB
                  message from S3; the mailer sends one confirmation.
                - **Baseline** (`bench/baseline/`, never deployed): the same registration as the public samples write it
                  and package it: SDK defaults (the Apache 5 HTTP client, the default credentials chain), the Enhanced
                  client with `TableSchema.fromBean` per request, a Jackson `ObjectMapper` built in the handler,
                  `aws-lambda-java-events` classes filled by Jackson; one shaded jar of its own dependencies only
                  (`baseline_jar_bytes`).
                - **CDS**: `cold_registration_cds_ms` uses an application class-data-sharing archive made on this machine by
                  this JDK (from the jar: an archive refuses classes from directories). An archive only works with the
                  JDK that made it, so none is shipped: Lambda's java21 would not load it; `cold_registration_ms` is the
                  honest figure for AWS.
                - **Warm**: one JVM, 2,000 registrations to warm up, then 10,000 timed; the handler's own time is its
                  time minus the time inside the calls of the SDK's HTTP client (sending, waiting, reading the answer),
                  timed by a wrapper around the url-connection client that the benchmark hands to the handler's AWS
                  clients through their constructor (the functions use no SDK request pipeline, where an
                  `ExecutionInterceptor` would sit); allocation from the thread's allocated-bytes counter.
                - **Throughput**: `./lpsa local` in its own process, loaded from the benchmark process over loopback at
                  concurrency 1, 2, 4... (at most 3,000 requests or 8 s per level); the best rate with p99 under 100 ms
                  and no errors. On 2 cores the load generator, the stack and the emulators share the CPU.
                - **Package**: the shaded jar SAM deploys; classes loaded by the JVM (JDK ones included) for one registration.

                ## Where the cold time goes

                Traced with `-Xlog:class+load` on this machine. The JVM reaches `main` at about 50 ms and the handler is
                built by about 100 ms. The JDK's TLS context (security providers, the CA certificates; needed for any
                AWS endpoint) takes about 150 ms on a core of its own, so it is started first, on a thread of its own,
                while the main thread reads the API Gateway event (jackson-jr) and builds the first DynamoDB request;
                it is the longest single part, and the first request usually waits a little for it. Then credentials
                (the default chain, about 25 ms), the SigV4 signer (about 25 ms), DynamoDB's request and response
                classes (about 45 ms, most of it some 140 small classes the SDK generates for its model's field
                accessors), and our own code, from the event to the answer, about 35 ms. About 2,700 classes load,
                some 1,000 of them from the JDK's shared archive.

                What brought it here from two thirds of the baseline: the functions talk to DynamoDB in its JSON
                protocol through one signed request per call (`DynamoDbJsonClient`, with the SDK's own model,
                exception classes, signer and HTTP client, and retries, checksums and error mapping of its own) instead
                of the SDK's client, whose build and first-call request pipeline (interceptors, endpoint rules,
                auth-scheme resolution, protocol marshallers, retry strategies) were about 900 more classes and 200 ms.

                Tried and measured, no gain beyond noise: preparing credentials, the signer and the model classes
                on the TLS thread or a third one (the two cores are already busy: the cold start is CPU-bound class
                loading); a DynamoDB read on a background thread at construction; a fixed endpoint provider; fewer CA
                certificates; no TLS key managers. Measured and not taken: Lambda's two credentials sources
                (environment, then container) in place of the default chain, about 30 ms, because the default chain is
                what keeps working when Lambda changes how it hands out credentials (SnapStart did).

                In AWS the template also turns SnapStart on for every function, with a warm-up before the snapshot
                (the TLS context and one real DynamoDB read), which takes the class loading out of the registrant's
                wait; this machine cannot measure a restore.

                ## Reproduce

                ```sh
                ./lpsa bench
                ```

                It builds what changed, starts its own emulators and stack on free ports, and rewrites this file and
                `bench/results/latest.json`. It takes one to two minutes on 2 cores, plus any build.
                """);
        return md.toString();
    }

    private static String row(String target, String measured, boolean met) {
        return "| " + target + " | " + measured + " | " + (met ? "yes" : "**no**") + " |\n";
    }

    private static double number(Map<String, Object> r, String key) {
        Object value = r.get(key);
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
