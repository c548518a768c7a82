package io.runnerorchestrator.app.api;

import java.util.List;

/**
 * The answer to a manual scale call.
 *
 * @param runners the runners started or removed
 * @param detail  what happened, e.g. "started 2 of 3 requested (MAX_RUNNERS=4)"
 */
public record ScaleAnswer(String action, List<String> runners, String detail) {
}
