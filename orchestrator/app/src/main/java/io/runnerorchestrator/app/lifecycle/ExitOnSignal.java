package io.runnerorchestrator.app.lifecycle;

import sun.misc.Signal;

/**
 * Makes SIGTERM and SIGINT a normal stop: the JVM runs its shutdown hooks (Spring's graceful
 * shutdown) and exits with status 0. Left alone the JVM would exit with 128+signal, which process
 * supervisors report as a failure although the stop was clean.
 */
public final class ExitOnSignal {

    public static final int NORMAL_EXIT = 0;

    private ExitOnSignal() {
    }

    public static void install() {
        for (String name : new String[]{"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> System.exit(NORMAL_EXIT));
        }
    }
}
