package io.runnerorchestrator.githubsim;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One in-process runner speaking the simulator's runner protocol over HTTP on its own thread:
 * connect, long-poll for a job, heartbeat while "running" it for its duration, complete it.
 * An ephemeral runner exits after one job; any runner exits when its registration is removed.
 */
public final class SimulatedRunner {
    private static final Logger log = LoggerFactory.getLogger(SimulatedRunner.class);
    private static final int POLL_SECONDS = 5;
    private static final int MAX_TRANSIENT_FAILURES = 30;

    private final RunnerRegistration registration;
    private final HttpClient client;
    private final Duration heartbeatEvery;
    private final Thread thread;
    private volatile Phase phase = Phase.STARTING;
    private volatile long runnerId = -1;
    private volatile String exitReason = "";
    private volatile boolean abrupt;
    private volatile long currentJobId = -1;

    SimulatedRunner(RunnerRegistration registration, HttpClient client, Duration heartbeatEvery) {
        this.registration = registration;
        this.client = client;
        this.heartbeatEvery = heartbeatEvery;
        this.thread = new Thread(this::run, "sim-runner-" + registration.name());
        this.thread.setDaemon(true);
    }

    void begin() {
        thread.start();
    }

    public String name() {
        return registration.name();
    }

    /** The id GitHub gave the runner, or -1 before it connected. */
    public long runnerId() {
        return runnerId;
    }

    public Phase phase() {
        return phase;
    }

    public boolean isAlive() {
        return phase != Phase.EXITED;
    }

    /** Why the runner exited (empty while it runs). */
    public String exitReason() {
        return exitReason;
    }

    /**
     * Stops the runner as SIGTERM stops a real one: a running job is reported cancelled and the
     * session is closed, so the runner shows offline at once and takes no further job.
     */
    public void stop() {
        thread.interrupt();
    }

    /** Stops the runner as SIGKILL would: no goodbye; GitHub notices only after offlineAfter. */
    public void kill() {
        abrupt = true;
        thread.interrupt();
    }

    private void run() {
        try {
            runnerId = post("/_sim/runner/connect", registration.connectBody()).body().path("runner_id").asLong();
            log.info("runner.connected name={} runner_id={}", name(), runnerId);
            do {
                phase = Phase.IDLE;
                ObjectNode job = acquire();
                phase = Phase.BUSY;
                work(job);
            } while (!registration.ephemeral());
            exit("completed its job");
        } catch (InterruptedException e) {
            if (!abrupt) {
                leave();
            }
            exit(abrupt ? "killed" : "stopped");
        } catch (RuntimeException e) {
            exit(e instanceof RunnerGone ? e.getMessage() : "failed: " + e);
        }
    }

    private ObjectNode acquire() throws InterruptedException {
        while (true) {
            Answer answer = post("/_sim/runner/" + runnerId + "/acquire?wait_s=" + POLL_SECONDS, "");
            if (answer.status() == 200) {
                return answer.body();
            }
        }
    }

    private void work(ObjectNode job) throws InterruptedException {
        long jobId = job.path("job_id").asLong();
        currentJobId = jobId;
        log.info("runner.job.started name={} job_id={}", name(), jobId);
        long end = System.nanoTime() + Duration.ofMillis(job.path("duration_ms").asLong()).toNanos();
        for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
            Thread.sleep(Math.max(1, Math.min(heartbeatEvery.toMillis(), left / 1_000_000)));
            post("/_sim/runner/" + runnerId + "/heartbeat", "");
        }
        ObjectNode complete = Json.object().put("job_id", jobId).put("conclusion", "success");
        Answer answer = post("/_sim/runner/" + runnerId + "/complete", Json.write(complete));
        currentJobId = -1;
        log.info("runner.job.completed name={} job_id={} status={}", name(), jobId, answer.status());
    }

    /** The goodbye of a runner told to stop: cancel the running job, close the session. */
    private void leave() {
        Thread.interrupted();
        if (runnerId == -1) {
            return;
        }
        try {
            if (currentJobId != -1) {
                ObjectNode cancel = Json.object().put("job_id", currentJobId).put("conclusion", "cancelled");
                post("/_sim/runner/" + runnerId + "/complete", Json.write(cancel), 0);
            }
            post("/_sim/runner/" + runnerId + "/disconnect", "", 0);
        } catch (InterruptedException | RuntimeException e) {
            log.debug("runner.leave.failed name={} error={}", name(), e.toString());
        }
    }

    private Answer post(String path, String body) throws InterruptedException {
        return post(path, body, MAX_TRANSIENT_FAILURES);
    }

    /** POSTs, retrying transport failures; a 404 or 401 means the registration is gone. */
    private Answer post(String path, String body, int retries) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(registration.apiBase().resolve(URI.create(path)))
                .timeout(Duration.ofSeconds(POLL_SECONDS + 30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        for (int failures = 0; ; failures++) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 404 || response.statusCode() == 401) {
                    throw new RunnerGone("registration refused status=" + response.statusCode());
                }
                boolean hasBody = !response.body().isEmpty();
                return new Answer(response.statusCode(),
                        hasBody ? Json.readObject(response.body().getBytes()) : Json.object());
            } catch (IOException e) {
                if (failures >= retries) {
                    throw new RunnerGone("simulator unreachable: " + e);
                }
                Thread.sleep(1000);
            }
        }
    }

    private void exit(String reason) {
        exitReason = reason;
        phase = Phase.EXITED;
        log.info("runner.exited name={} runner_id={} reason={}", name(), runnerId, reason);
    }

    /** What the runner is doing. */
    public enum Phase { STARTING, IDLE, BUSY, EXITED }

    private record Answer(int status, ObjectNode body) {
    }

    private static final class RunnerGone extends RuntimeException {
        RunnerGone(String message) {
            super(message);
        }
    }
}
