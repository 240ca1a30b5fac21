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
    /**
     * How many times the steps run: the JIT compiles a method after some hundred calls, and a snapshot keeps
     * the compiled code, so a restored copy starts with its hot paths compiled (measured: the first request
     * after priming took 30 ms with one round and 21 ms with a hundred). Costs about a second once per deploy.
     */
    static final int ROUNDS = 100;

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

    /** Runs the steps before a snapshot, {@link #ROUNDS} times; also what the benchmark and the tests call. */
    public void prime() {
        boolean[] failed = new boolean[beforeSnapshot.size()];
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < beforeSnapshot.size(); i++) {
                // a step that failed once is not tried again: it would fail the same way, and log each time
                if (!failed[i]) {
                    failed[i] = !run(beforeSnapshot.get(i), i, "priming step failed");
                }
            }
        }
    }

    public void restored() {
        for (int i = 0; i < afterRestore.size(); i++) {
            run(afterRestore.get(i), i, "restore step failed");
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        restored();
    }

    private boolean run(Runnable step, int index, String failed) {
        try {
            step.run();
            return true;
        } catch (RuntimeException e) {
            Log.info("init", failed, "function", function, "step", index, "error", e.getClass().getSimpleName());
            return false;
        }
    }
}
