package io.runnerorchestrator.adapter.github.scaleset;

import io.runnerorchestrator.core.port.Coordinator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A scale set has one message session. In a cluster the leader holds it and shares through the
 * {@link Coordinator} what its messages say ({@link ScaleSetSnapshot}) and the session's id; the
 * other instances, standbys, take their demand and busy runners from there, and a new leader deletes
 * the recorded session of one that died before it opens its own (a 409 otherwise, until the session
 * expires on the service's side). An instance alone holds the session and shares nothing.
 */
public final class ScaleSetRelay {

    /** The holder shares after every batch and every empty poll (about a minute apart at most). */
    static final Duration SNAPSHOT_TTL = Duration.ofMinutes(3);
    /** Long enough to outlive any session the service keeps for a listener that went silent. */
    static final Duration SESSION_RECORD_TTL = Duration.ofDays(1);
    private static final Logger log = LoggerFactory.getLogger(ScaleSetRelay.class);

    private final Optional<Coordinator> cluster;
    private final String snapshotName;
    private final String sessionName;
    private final ScaleSetDemand demand;
    private final BusyRunners busy;
    private final JsonMapper json = JsonMapper.builder().build();
    private String lastAdopted = "";
    private Map<Long, JobMessage> busyAdopted = Map.of();

    private ScaleSetRelay(Optional<Coordinator> cluster, String scaleSetName, ScaleSetDemand demand, BusyRunners busy) {
        this.cluster = cluster;
        this.snapshotName = "scaleset:" + scaleSetName;
        this.sessionName = "scaleset:" + scaleSetName + ":session";
        this.demand = demand;
        this.busy = busy;
    }

    /** For the instances of a cluster: the leader holds the session, the others follow it. */
    public static ScaleSetRelay through(Coordinator coordinator, String scaleSetName, ScaleSetDemand demand,
                                        BusyRunners busy) {
        return new ScaleSetRelay(Optional.of(coordinator), scaleSetName, demand, busy);
    }

    /** For an instance alone: it holds the session, shares nothing and follows nobody. */
    public static ScaleSetRelay alone(ScaleSetDemand demand, BusyRunners busy) {
        return new ScaleSetRelay(Optional.empty(), "", demand, busy);
    }

    /** May this instance open the session now (it does not hold one)? */
    boolean mayOpenSession() {
        return cluster.map(Coordinator::leads).orElse(true);
    }

    /** The session this cluster's holder opened last, if it was recorded: perhaps one of a holder that died. */
    Optional<String> recordedSession() {
        return cluster.flatMap(c -> c.shared(sessionName));
    }

    void opened(ScaleSetSession session) {
        cluster.ifPresent(c -> c.share(sessionName, session.id(), SESSION_RECORD_TTL));
    }

    /** The holder's demand and busy runners, for the standbys. */
    void publish() {
        if (cluster.isEmpty() || demand.scaleSet().isEmpty()) {
            return;
        }
        cluster.get().share(snapshotName, json.writeValueAsString(demand.snapshot(busy.started())), SNAPSHOT_TTL);
    }

    /**
     * A standby takes the demand the holder shared last, and hears of each runner that turned busy or
     * idle since the previous snapshot as if from the messages themselves.
     *
     * @return true when something changed (a pass is worth it)
     */
    boolean catchUp(Consumer<JobMessage> runnerNews) {
        Optional<String> shared = cluster.flatMap(c -> c.shared(snapshotName));
        if (shared.isEmpty() || shared.get().equals(lastAdopted)) {
            return false;
        }
        ScaleSetSnapshot snapshot;
        try {
            snapshot = json.readValue(shared.get(), ScaleSetSnapshot.class);
        } catch (JacksonException e) {
            log.warn("scaleset.snapshot_unreadable scale_set={} error=\"{}\"", snapshotName,
                    e.getOriginalMessage().replace('"', '\''));
            lastAdopted = shared.get();
            return false;
        }
        lastAdopted = shared.get();
        demand.adopt(snapshot);
        Map<Long, JobMessage> nowBusy = new HashMap<>();
        snapshot.busy().forEach(started -> started.runnerId().ifPresent(id -> nowBusy.put(id, started)));
        nowBusy.forEach((id, started) -> {
            if (!busyAdopted.containsKey(id)) {
                runnerNews.accept(started);
            }
        });
        busyAdopted.forEach((id, started) -> {
            if (!nowBusy.containsKey(id)) {
                runnerNews.accept(new JobMessage("JobCompleted", started.runnerRequestId(), started.repository(),
                        started.labels(), started.queuedAt(), started.runnerId(), started.runnerName(), Optional.empty()));
            }
        });
        busyAdopted = Map.copyOf(nowBusy);
        return true;
    }

    /**
     * A standby becomes the holder: its own session's messages and statistics take over from what it
     * followed (busy runners stay busy until their completions come).
     */
    void holding() {
        busyAdopted = Map.of();
        lastAdopted = "";
        demand.forgetAdopted();
    }
}
