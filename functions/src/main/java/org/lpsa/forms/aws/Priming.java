package org.lpsa.forms.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.lpsa.forms.http.Log;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SnapStart priming of one function: before Lambda takes the snapshot, side-effect-free calls through
 * each AWS client the function uses (reads of keys that cannot exist: an error answer primes the
 * request path as well as a success) and one pass of the function's own code on a synthetic input that
 * stores and sends nothing; after a restore, what restored copies must not share is renewed.
 *
 * <p>A step that fails is logged and skipped: priming only saves time, and the first real request
 * reports its own failure.
 */
public final class Priming implements Resource {
    /** The value of every key that priming reads: no event id, email address or idea id can be it. */
    public static final String IMPOSSIBLE_KEY = "_priming";

    private final String function;
    private final List<Runnable> beforeSnapshot = new ArrayList<>();
    private final List<Runnable> afterRestore = new ArrayList<>();

    public Priming(String function) {
        this.function = function;
    }

    /** Registers with the runtime (CRaC holds resources weakly: the handler keeps this object). */
    public Priming register() {
        Core.getGlobalContext().register(this);
        return this;
    }

    public Priming step(Runnable step) {
        beforeSnapshot.add(step);
        return this;
    }

    public Priming onRestore(Runnable step) {
        afterRestore.add(step);
        return this;
    }

    /** A GetItem of a key no item has: credentials, signing, endpoint rules, a connection and GetItem's own code. */
    public Priming read(DynamoDbClient dynamo, String table, String... keyNames) {
        return step(() -> {
            Map<String, AttributeValue> key = new java.util.HashMap<>();
            for (String name : keyNames) {
                key.put(name, AttributeValue.fromS(IMPOSSIBLE_KEY));
            }
            dynamo.getItem(b -> b.tableName(table).key(key));
        });
    }

    /** Runs the steps before a snapshot; also what the benchmark and the tests call. */
    public void prime() {
        run(beforeSnapshot, "priming step failed");
    }

    public void restored() {
        run(afterRestore, "restore step failed");
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        restored();
    }

    private void run(List<Runnable> steps, String failed) {
        for (int i = 0; i < steps.size(); i++) {
            try {
                steps.get(i).run();
            } catch (RuntimeException e) {
                Log.info("init", failed, "function", function, "step", i, "error", e.getClass().getSimpleName());
            }
        }
    }
}
