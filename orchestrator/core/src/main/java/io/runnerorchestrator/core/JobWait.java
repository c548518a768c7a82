package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.QueuedJob;

/** A queued job and why it still waits. */
public record JobWait(QueuedJob job, WaitReason reason) {
}
