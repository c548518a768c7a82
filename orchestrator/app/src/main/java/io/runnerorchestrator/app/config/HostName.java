package io.runnerorchestrator.app.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's name: the default instance id, so two hosts sharing a Docker engine never collide. */
final class HostName {

    private static final String FALLBACK = "runner-orchestrator";

    private HostName() {
    }

    static String current() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return FALLBACK;
        }
    }
}
