package io.runnerorchestrator.githubsim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The Actions service's runner scale sets: one runner group (Default, id 1), scale sets per scope,
 * at most one message session per scale set, its queue of messages, job acquisition and the
 * statistics a scaler sizes its pool from.
 * <p>
 * A queued job belongs to a scale set when all its {@code runs-on} labels are among the set's labels
 * and the set's scope covers its repository. Such a job is offered ({@code JobAvailable}), is taken
 * by the scale set with {@code acquirejobs} ({@code JobAssigned}), and only then can one of the set's
 * runners take it ({@link #allows}), which reports {@code JobStarted} and {@code JobCompleted}.
 * <p>
 * Locking: the world calls {@link #jobChanged} and {@link #allows} under its own lock, so this class
 * never calls the world while it holds its own.
 */
final class ScaleSets implements JobEvents, SimWorld.JobGate {
    static final long DEFAULT_GROUP_ID = 1;
    static final String DEFAULT_GROUP_NAME = "Default";
    /** At most this many job messages in one answer of the long poll. */
    static final int MAX_BATCH = 50;

    private final Duration pollWait;
    private final Map<Long, ScaleSet> sets = new LinkedHashMap<>();
    private final Map<Long, Track> jobs = new LinkedHashMap<>();
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private long nextSetId = 1;
    private long nextMessageId = 1;

    ScaleSets(Duration pollWait) {
        this.pollWait = pollWait;
    }

    /** A scale set as the service holds it; {@code runners} are the ids its JIT configs registered. */
    record ScaleSet(long id, String name, long runnerGroupId, Scope scope, List<String> labels,
                    boolean disableUpdate, Set<Long> runners) {
    }

    /** What a scaler sees of a job. {@code acquiredBy} is the scale set that took it, or 0. */
    private record Track(SimJob job, long setId, long acquiredBy) {
        Track with(SimJob changed) {
            return new Track(changed, setId, acquiredBy);
        }
    }

    /** One job message of a batch: its type and the job as it was when the message was made. */
    record JobMessage(String type, SimJob job, long setId) {
    }

    /** A batch handed out by the long poll; it comes again until it is acknowledged. */
    record Message(long id, List<JobMessage> items) {
    }

    /** The one session of a scale set; its queue token changes with each refresh. */
    static final class Session {
        final String id = UUID.randomUUID().toString();
        final long setId;
        final String owner;
        volatile String queueToken = UUID.randomUUID().toString();
        final List<JobMessage> pending = new ArrayList<>();
        final Map<Long, Message> unacknowledged = new LinkedHashMap<>();

        Session(long setId, String owner) {
            this.setId = setId;
            this.owner = owner;
        }
    }

    record Statistics(int available, int acquired, int assigned, int running, int registered, int busy, int idle) {
    }

    // ---- scale sets ---------------------------------------------------------------------------

    synchronized Optional<ScaleSet> find(Scope scope, long runnerGroupId, String name) {
        return sets.values().stream().filter(set -> set.scope().equals(scope) && set.runnerGroupId() == runnerGroupId
                && set.name().equalsIgnoreCase(name)).findFirst();
    }

    synchronized ScaleSet create(Scope scope, long runnerGroupId, String name, List<String> labels, boolean disableUpdate) {
        if (runnerGroupId != DEFAULT_GROUP_ID) {
            throw ActionsError.of(404, "RunnerGroupNotFoundException", "runner group " + runnerGroupId + " not found");
        }
        if (find(scope, runnerGroupId, name).isPresent()) {
            throw ActionsError.of(409, "RunnerScaleSetExistsException", "a runner scale set named " + name + " exists");
        }
        ScaleSet set = new ScaleSet(nextSetId++, name, runnerGroupId, scope, labels.isEmpty() ? List.of(name) : labels,
                disableUpdate, new LinkedHashSet<>());
        sets.put(set.id(), set);
        jobs.replaceAll((jobId, track) -> track.setId() == 0 && track.job().status() != SimJob.JobStatus.COMPLETED
                && belongs(track.job(), set) ? new Track(track.job(), set.id(), 0) : track);
        return set;
    }

    synchronized ScaleSet get(Scope scope, long id) {
        ScaleSet set = sets.get(id);
        if (set == null || !set.scope().equals(scope)) {
            throw ActionsError.of(404, "RunnerScaleSetNotFoundException", "runner scale set " + id + " not found");
        }
        return set;
    }

    synchronized ScaleSet update(Scope scope, long id, Optional<String> name, Optional<List<String>> labels) {
        ScaleSet old = get(scope, id);
        ScaleSet set = new ScaleSet(id, name.orElse(old.name()), old.runnerGroupId(), scope,
                labels.orElse(old.labels()), old.disableUpdate(), old.runners());
        sets.put(id, set);
        return set;
    }

    /** Deleted by its owner, or on GitHub's side: its session goes with it; its jobs wait for another. */
    synchronized void delete(Scope scope, long id) {
        get(scope, id);
        deleteSet(id);
    }

    /** As if someone deleted every scale set on GitHub's side (a fault for tests). */
    synchronized List<Long> deleteAll() {
        List<Long> ids = List.copyOf(sets.keySet());
        ids.forEach(this::deleteSet);
        return ids;
    }

    private void deleteSet(long id) {
        sets.remove(id);
        sessions.values().removeIf(session -> session.setId == id);
        jobs.replaceAll((jobId, track) -> track.setId() == id ? new Track(track.job(), 0, 0) : track);
        notifyAll();
    }

    synchronized void addRunner(long setId, long runnerId) {
        Optional.ofNullable(sets.get(setId)).ifPresent(set -> set.runners().add(runnerId));
    }

    synchronized List<ScaleSet> all() {
        return List.copyOf(sets.values());
    }

    // ---- sessions -----------------------------------------------------------------------------

    /** The only session of the scale set; a second one conflicts until the first is deleted or expires. */
    synchronized Session openSession(Scope scope, long setId, String owner) {
        get(scope, setId);
        if (sessions.values().stream().anyMatch(session -> session.setId == setId)) {
            throw ActionsError.of(409, "RunnerScaleSetSessionConflictException",
                    "The scale set " + setId + " already has an active session");
        }
        Session session = new Session(setId, owner);
        sessions.put(session.id, session);
        // What is on offer now comes first: a scaler that (re)starts learns of jobs queued without it.
        jobs.values().stream().filter(track -> track.setId() == setId && track.acquiredBy() == 0
                        && track.job().status() == SimJob.JobStatus.QUEUED)
                .forEach(track -> session.pending.add(new JobMessage("JobAvailable", track.job(), setId)));
        return session;
    }

    synchronized Session session(Scope scope, long setId, String sessionId) {
        get(scope, setId);
        Session session = sessions.get(sessionId);
        if (session == null || session.setId != setId) {
            throw ActionsError.of(404, "TaskAgentSessionExpiredException", "session " + sessionId + " not found");
        }
        return session;
    }

    synchronized Session refresh(Scope scope, long setId, String sessionId) {
        Session session = session(scope, setId, sessionId);
        session.queueToken = UUID.randomUUID().toString();
        return session;
    }

    synchronized void closeSession(Scope scope, long setId, String sessionId) {
        session(scope, setId, sessionId);
        sessions.remove(sessionId);
        notifyAll();
    }

    /** The owner named by each open session, oldest first. */
    synchronized List<String> sessionOwners() {
        return sessions.values().stream().map(session -> session.owner).toList();
    }

    /** Every session ends as if it expired on the service's side (a fault for tests). */
    synchronized int expireSessions() {
        int count = sessions.size();
        sessions.clear();
        notifyAll();
        return count;
    }

    /** The session whose queue token this is, if it is still open. */
    synchronized Optional<Session> byQueueToken(String token) {
        return sessions.values().stream().filter(session -> session.queueToken.equals(token)).findFirst();
    }

    /**
     * The long poll: the first unacknowledged message after {@code lastMessageId}, else a new batch of
     * at most {@link #MAX_BATCH} job messages, waiting up to the configured time for one; empty when
     * nothing came (the service answers 202).
     */
    synchronized Optional<Message> poll(Session session, long lastMessageId) throws InterruptedException {
        long deadline = System.nanoTime() + pollWait.toNanos();
        while (true) {
            if (!sessions.containsKey(session.id)) {
                throw ActionsError.of(404, "TaskAgentSessionExpiredException", "session " + session.id + " expired");
            }
            Optional<Message> again = session.unacknowledged.values().stream()
                    .filter(message -> message.id() > lastMessageId).findFirst();
            if (again.isPresent()) {
                return again;
            }
            if (!session.pending.isEmpty()) {
                List<JobMessage> batch = new ArrayList<>(session.pending.subList(0,
                        Math.min(MAX_BATCH, session.pending.size())));
                session.pending.subList(0, batch.size()).clear();
                Message message = new Message(nextMessageId++, batch);
                session.unacknowledged.put(message.id(), message);
                return Optional.of(message);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    synchronized void acknowledge(Session session, long messageId) {
        session.unacknowledged.remove(messageId);
    }

    /** Takes the offered jobs for the session's scale set; returns the ids it got. */
    synchronized List<Long> acquire(Session session, List<Long> jobIds) {
        List<Long> acquired = new ArrayList<>();
        for (long jobId : jobIds) {
            Track track = jobs.get(jobId);
            if (track != null && track.setId() == session.setId && track.acquiredBy() == 0
                    && track.job().status() == SimJob.JobStatus.QUEUED) {
                jobs.put(jobId, new Track(track.job(), track.setId(), session.setId));
                session.pending.add(new JobMessage("JobAssigned", track.job(), session.setId));
                acquired.add(jobId);
            }
        }
        notifyAll();
        return acquired;
    }

    /**
     * @param runners the scale set's runners as the world sees them now (read before this call, so
     *                the world's lock is never taken under this one)
     */
    synchronized Statistics statistics(long setId, List<SimWorld.RunnerView> runners) {
        int available = 0;
        int acquired = 0;
        int running = 0;
        for (Track track : jobs.values()) {
            if (track.setId() != setId || track.job().status() == SimJob.JobStatus.COMPLETED) {
                continue;
            }
            if (track.acquiredBy() == 0) {
                available++;
            } else if (track.job().status() == SimJob.JobStatus.QUEUED) {
                acquired++;
            } else {
                running++;
            }
        }
        ScaleSet set = sets.get(setId);
        List<SimWorld.RunnerView> own = set == null ? List.of()
                : runners.stream().filter(view -> set.runners().contains(view.runner().id())).toList();
        int busy = (int) own.stream().filter(view -> view.runner().busy()).count();
        return new Statistics(available, acquired, acquired + running, running, own.size(), busy, own.size() - busy);
    }

    // ---- the world's side ---------------------------------------------------------------------

    @Override
    public synchronized void jobChanged(String action, SimJob job, String workflowName) {
        Track track = jobs.get(job.id());
        if (track == null || track.setId() == 0) {
            // Every job is tracked, so a scale set created (again) later still finds what waits for it.
            track = new Track(job, ownerOf(job), 0);
        }
        String type = switch (action) {
            case "queued" -> "JobAvailable";
            case "in_progress" -> "JobStarted";
            case "completed" -> "JobCompleted";
            default -> null;
        };
        // A job handed back to the queue is on offer again.
        Track changed = action.equals("queued") ? new Track(job, track.setId(), 0) : track.with(job);
        jobs.put(job.id(), changed);
        if (type != null && changed.setId() != 0) {
            long setId = changed.setId();
            sessions.values().stream().filter(session -> session.setId == setId)
                    .forEach(session -> session.pending.add(new JobMessage(type, job, setId)));
            notifyAll();
        }
    }

    /** A scale set's runner takes only jobs its set acquired; other runners only jobs of no scale set. */
    @Override
    public synchronized boolean allows(long jobId, long runnerId) {
        Track track = jobs.get(jobId);
        Optional<ScaleSet> owner = sets.values().stream().filter(set -> set.runners().contains(runnerId)).findFirst();
        if (owner.isEmpty()) {
            return track == null || track.setId() == 0;
        }
        return track != null && track.acquiredBy() == owner.get().id();
    }

    private long ownerOf(SimJob job) {
        return sets.values().stream().filter(set -> belongs(job, set)).mapToLong(ScaleSet::id).findFirst().orElse(0);
    }

    private static boolean belongs(SimJob job, ScaleSet set) {
        return set.scope().covers(job.repository())
                && job.labels().stream().allMatch(label -> set.labels().stream().anyMatch(label::equalsIgnoreCase));
    }
}
