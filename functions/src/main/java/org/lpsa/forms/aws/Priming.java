package org.lpsa.forms.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.lpsa.forms.Log;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
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
     * How many times the steps run for a function that answers people: the JIT compiles a method after some
     * hundred calls, and a snapshot keeps the compiled code, so a restored copy starts with its hot paths
     * compiled (measured here: the first registration after priming took 30 ms with one round and 21 ms with
     * a hundred). About a second, once per deploy.
     */
    public static final int API_ROUNDS = 100;
    /** For a function that nobody waits on (streams, schedules, mail): its class loading is what matters. */
    public static final int BACKGROUND_ROUNDS = 5;
    private static final ThreadLocal<Boolean> RUNNING = new ThreadLocal<>();

    private final String function;
    private final int rounds;
    private final List<Runnable> beforeSnapshot = new ArrayList<>();
    private final List<Runnable> afterRestore = new ArrayList<>();

    /** {@code rounds}: {@link #API_ROUNDS} or {@link #BACKGROUND_ROUNDS}. */
    public Priming(String function, int rounds) {
        this.function = function;
        this.rounds = rounds;
    }

    /** True while this thread primes: the error answers it asks for are not failures to log. */
    static boolean running() {
        return RUNNING.get() != null;
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
        Map<String, AttributeValue> key = new java.util.HashMap<>();
        for (String name : keyNames) {
            key.put(name, AttributeValue.fromS(IMPOSSIBLE_KEY));
        }
        return call(() -> dynamo.getItem(b -> b.tableName(table).key(key)));
    }

    /**
     * A call to AWS whose error answer is as good as a success (a missing object, an operation the local
     * emulator lacks): the request went out and the answer was read, which is what primes.
     */
    public Priming call(Runnable awsCall) {
        return step(() -> {
            try {
                awsCall.run();
            } catch (AwsServiceException answered) {
                // answered with an error: primed all the same
            }
        });
    }

    /** Runs the steps before a snapshot, its rounds times; also what the benchmark and the tests call. */
    public void prime() {
        boolean[] failed = new boolean[beforeSnapshot.size()];
        RUNNING.set(Boolean.TRUE);
        try {
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < beforeSnapshot.size(); i++) {
                    // a step that failed once is not tried again: it would fail the same way, and log each time
                    if (!failed[i]) {
                        failed[i] = !run(beforeSnapshot.get(i), i, "priming step failed");
                    }
                }
            }
        } finally {
            RUNNING.remove();
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
