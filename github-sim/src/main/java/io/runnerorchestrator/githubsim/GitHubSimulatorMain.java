package io.runnerorchestrator.githubsim;

import java.util.concurrent.CountDownLatch;

/** Runs the simulator until the process is killed; prints its URL on standard output. */
public final class GitHubSimulatorMain {
    private GitHubSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimConfig config;
        try {
            config = SimArguments.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("github-sim: " + e.getMessage());
            System.exit(2);
            return;
        }
        GitHubSimulator simulator = GitHubSimulator.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "github-sim-shutdown"));
        System.out.println("github-sim listening url=" + simulator.baseUrl() + " repositories="
                + config.repositories());
        stopped.await();
    }
}
