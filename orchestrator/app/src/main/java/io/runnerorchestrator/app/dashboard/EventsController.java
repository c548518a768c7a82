package io.runnerorchestrator.app.dashboard;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** GET /api/v1/events: the dashboard's live feed, one Server-Sent Event per reconcile pass. */
@RestController
public class EventsController {

    public static final String PATH = "/api/v1/events";

    private final DashboardEvents events;

    EventsController(DashboardEvents events) {
        this.events = events;
    }

    @Operation(summary = "Live updates: one event per reconcile pass (Server-Sent Events)",
            description = "A text/event-stream. Each event is named '" + DashboardEvents.EVENT + "', its id is the"
                    + " pass number and its data one JSON object: the pool (each runner with state, age, job, image,"
                    + " backend), the queue (each job with the reason it waits), the health lines, and the scale"
                    + " decisions and chart samples new since the previous event (the first event carries the whole"
                    + " last hour and 'full': true). A comment line keeps the stream open between passes. Needs"
                    + " API_READ_TOKEN (or API_TOKEN, as a bearer token or the dashboard's cookie) when"
                    + " API_READ_TOKEN is set; 503 when too many streams are open.",
            responses = @ApiResponse(responseCode = "200", content = @Content(
                    mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                    schema = @Schema(implementation = DashboardState.class))))
    @GetMapping(value = PATH, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter events() {
        return events.subscribe().orElseThrow(() -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                "too many open event streams; try again later"));
    }
}
