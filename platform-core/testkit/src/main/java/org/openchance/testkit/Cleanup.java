package org.openchance.testkit;

import java.util.ArrayDeque;
import java.util.Deque;

/** One JVM shutdown hook that runs clean-up steps in reverse order of registration (databases before servers). */
final class Cleanup {

    private static final Deque<Runnable> STEPS = new ArrayDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::runAll, "openchance-testkit-cleanup"));
    }

    private Cleanup() {}

    static synchronized void atExit(Runnable step) {
        STEPS.push(step);
    }

    private static synchronized void runAll() {
        while (!STEPS.isEmpty()) {
            try {
                STEPS.pop().run();
            } catch (RuntimeException e) {
                System.err.println("testkit clean-up step failed: " + e);
            }
        }
    }
}
