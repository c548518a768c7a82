package io.runnerorchestrator.adapter.github.scaleset;

import io.runnerorchestrator.core.port.GitHubException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The scale set's one listener, on its own thread: finds or creates the scale set, holds its
 * session, long-polls the message queue, acquires what is offered, acknowledges every batch, keeps
 * {@link ScaleSetDemand} up to date, tells what it hears of the set's runners (a job started or completed)
 * and asks for a reconcile pass when demand may have changed.
 * It recovers by itself: a session that exists elsewhere (409) is retried with backoff until it
 * expires, an expired session or queue token is renewed, a scale set deleted on GitHub's side is
 * created again, and any other failure waits 1 s, doubling to a minute, before the next try.
 * <p>
 * In a cluster ({@link ScaleSetRelay}) only the leader opens the session; it shares what it hears
 * after every poll. The others stand by: they read the shared demand every second and ask for a pass
 * when it changed. A standby that becomes leader first deletes the session the cluster recorded when
 * opening its own meets a 409: that of a leader that died without closing it. A holder keeps polling
 * its session until it fails (Redis gone, say), but opens none again unless it leads.
 */
public final class ScaleSetListener implements AutoCloseable {

    /**
     * @param name        the scale set's name
     * @param labels      the labels jobs use to reach it ({@code runs-on})
     * @param owner       the session's owner name: this instance's id
     * @param maxCapacity MAX_RUNNERS, told to the service with each poll
     */
    public record Settings(String name, String runnerGroup, List<String> labels, String owner, int maxCapacity) {
        public Settings {
            labels = List.copyOf(labels);
        }
    }

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    /** How often a standby reads what the session holder shared. */
    static final Duration FOLLOW_EVERY = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(ScaleSetListener.class);

    private final ActionsServiceClient client;
    private final Settings settings;
    private final ScaleSetDemand demand;
    private final Consumer<JobMessage> runnerNews;
    private final Consumer<String> trigger;
    private final ScaleSetRelay relay;
    private final Thread thread;
    private volatile boolean running;
    private ScaleSet scaleSet;
    private ScaleSetSession session;
    private long lastMessageId;
    private Duration backoff = FIRST_BACKOFF;
    private boolean standingBy;

    /**
     * @param runnerNews gets every {@code JobStarted} and {@code JobCompleted} message, before the pass it triggers
     * @param trigger    asks for a reconcile pass, with the reason
     */
    public ScaleSetListener(ActionsServiceClient client, Settings settings, ScaleSetDemand demand,
                            Consumer<JobMessage> runnerNews, Consumer<String> trigger) {
        this(client, settings, demand, runnerNews, trigger, ScaleSetRelay.alone(demand, new BusyRunners()));
    }

    /** @param relay the cluster's: who holds the session, and what the holder shares */
    public ScaleSetListener(ActionsServiceClient client, Settings settings, ScaleSetDemand demand,
                            Consumer<JobMessage> runnerNews, Consumer<String> trigger, ScaleSetRelay relay) {
        this.client = client;
        this.relay = relay;
        this.settings = settings;
        this.demand = demand;
        this.runnerNews = runnerNews;
        this.trigger = trigger;
        this.thread = new Thread(this::run, "scaleset-listener");
        this.thread.setDaemon(true);
    }

    public void start() {
        running = true;
        thread.start();
    }

    /** Stops polling and deletes the session, so that the next start (here or elsewhere) gets one at once. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ScaleSetSession open = session;
        if (open != null) {
            try {
                client.closeSession(open);
                log.info("scaleset.session_closed scale_set={} session={}", settings.name(), open.id());
            } catch (RuntimeException e) {
                log.warn("scaleset.session_close_failed scale_set={} error=\"{}\"", settings.name(), e.getMessage());
            }
        }
    }

    private void run() {
        while (running) {
            try {
                step();
                backoff = FIRST_BACKOFF;
            } catch (ActionsServiceException e) {
                if (!running) {
                    return;
                }
                recover(e);
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("scaleset.failed scale_set={} error=\"{}\"", settings.name(), e.getMessage());
                pause();
            }
        }
    }

    private void step() {
        if (session == null && !relay.mayOpenSession()) {
            standBy();
            return;
        }
        if (standingBy) {
            standingBy = false;
            relay.holding();
        }
        if (scaleSet == null) {
            scaleSet = client.findOrCreate(settings.name(), settings.runnerGroup(), settings.labels());
            demand.scaleSet(scaleSet);
        }
        if (session == null) {
            session = openSession();
            lastMessageId = 0;
            demand.statistics(session.statistics());
            relay.opened(session);
            relay.publish();
            log.info("scaleset.session_opened scale_set={} id={} session={} assigned_jobs={}", settings.name(),
                    scaleSet.id(), session.id(), session.statistics().assignedJobs());
            trigger.accept("scaleset session");
        }
        Optional<MessageBatch> batch = client.poll(session, lastMessageId, settings.maxCapacity());
        if (batch.isPresent()) {
            handle(batch.get());
        }
        relay.publish();
    }

    /** The session; on a 409, once, after deleting the one this cluster recorded (its holder died). */
    private ScaleSetSession openSession() {
        try {
            return client.openSession(scaleSet.id(), settings.owner());
        } catch (ActionsServiceException e) {
            Optional<String> stale = relay.recordedSession();
            if (e.kind() != Kind.CONFLICT || stale.isEmpty()) {
                throw e;
            }
            try {
                client.closeSession(scaleSet.id(), stale.get());
                log.info("scaleset.stale_session_deleted scale_set={} session={}", settings.name(), stale.get());
            } catch (ActionsServiceException gone) {
                log.info("scaleset.stale_session_gone scale_set={} session={} error=\"{}\"", settings.name(),
                        stale.get(), gone.getMessage());
            }
            return client.openSession(scaleSet.id(), settings.owner());
        }
    }

    /** Not the leader: the demand is the holder's, read every second. */
    private void standBy() {
        if (!standingBy) {
            standingBy = true;
            scaleSet = null;
            log.info("scaleset.standby scale_set={} detail=\"another instance holds the session\"", settings.name());
        }
        if (relay.catchUp(runnerNews)) {
            trigger.accept("scaleset relay");
        }
        sleep(FOLLOW_EVERY);
    }

    private void handle(MessageBatch batch) {
        List<JobMessage> offered = new ArrayList<>();
        for (JobMessage message : batch.messages()) {
            if (message.type().equals("JobAvailable")) {
                offered.add(message);
            } else {
                demand.apply(message);
            }
            if (message.type().equals("JobStarted") || message.type().equals("JobCompleted")) {
                runnerNews.accept(message);
            }
        }
        if (!offered.isEmpty()) {
            List<Long> acquired = client.acquire(session, offered.stream().map(JobMessage::runnerRequestId).toList());
            // Ours from now on: the JobAssigned message that follows only confirms it.
            offered.stream().filter(m -> acquired.contains(m.runnerRequestId()))
                    .forEach(m -> demand.apply(new JobMessage("JobAssigned", m.runnerRequestId(), m.repository(),
                            m.labels(), m.queuedAt(), Optional.empty(), Optional.empty(), Optional.empty())));
            log.info("scaleset.jobs_acquired scale_set={} offered={} acquired={}", settings.name(), offered.size(),
                    acquired.size());
        }
        demand.statistics(batch.statistics());
        client.acknowledge(session, batch.id());
        lastMessageId = batch.id();
        trigger.accept("scaleset message");
    }

    private void recover(ActionsServiceException e) {
        if (e.is("RunnerScaleSetNotFoundException")) {
            log.warn("scaleset.deleted scale_set={} action=create_again", settings.name());
            scaleSet = null;
            session = null;
            return;
        }
        if (session != null && (e.is("TaskAgentSessionExpiredException") || e.kind() == Kind.NOT_FOUND)) {
            log.info("scaleset.session_expired scale_set={} action=open_again", settings.name());
            session = null;
            return;
        }
        if (session != null && e.kind() == Kind.UNAUTHORIZED) {
            try {
                session = client.refreshSession(session);
                return;
            } catch (ActionsServiceException refresh) {
                session = null;
                log.info("scaleset.session_lost scale_set={} error=\"{}\"", settings.name(), refresh.getMessage());
                return;
            }
        }
        if (e.kind() == Kind.CONFLICT) {
            log.warn("scaleset.session_conflict scale_set={} retry_in={} detail=\"another session is open; it ends"
                    + " when its owner stops or it expires\"", settings.name(), backoff);
        } else {
            log.warn("scaleset.failed scale_set={} retry_in={} error=\"{}\"", settings.name(), backoff, e.getMessage());
        }
        pause();
    }

    private void pause() {
        sleep(backoff);
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
