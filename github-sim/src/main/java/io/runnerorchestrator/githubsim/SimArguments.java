package io.runnerorchestrator.githubsim;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Command-line options, with environment fallbacks: {@code --port} (SIM_PORT, default 9999),
 * {@code --host} (SIM_HOST), {@code --token} (SIM_TOKEN, comma-separated), {@code --repo}
 * (SIM_REPOS, comma-separated), {@code --offline-after-s} (SIM_OFFLINE_AFTER_S),
 * {@code --rate-limit} (SIM_RATE_LIMIT). Options may repeat for tokens and repositories.
 */
final class SimArguments {
    static final String USAGE = "usage: GitHubSimulatorMain --port 9999 --token <PAT> --repo owner/name "
            + "[--repo ...] [--host 127.0.0.1] [--offline-after-s 5] [--rate-limit 5000]";

    private SimArguments() {
    }

    static SimConfig parse(String[] args, Map<String, String> env) {
        SimConfig.Builder builder = SimConfig.builder().port(9999);
        boolean tokenGiven = false;
        boolean repoGiven = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value; " + USAGE);
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> builder.port(number(option, value));
                case "--host" -> builder.host(value);
                case "--token" -> {
                    builder.token(value);
                    tokenGiven = true;
                }
                case "--repo" -> {
                    builder.repository(value);
                    repoGiven = true;
                }
                case "--offline-after-s" -> builder.offlineAfter(Duration.ofSeconds(number(option, value)));
                case "--rate-limit" -> builder.rateLimit(number(option, value));
                default -> throw new IllegalArgumentException("unknown option " + option + "; " + USAGE);
            }
        }
        applyEnvironment(builder, env, tokenGiven, repoGiven, args);
        return builder.build();
    }

    private static void applyEnvironment(SimConfig.Builder builder, Map<String, String> env, boolean tokenGiven,
                                         boolean repoGiven, String[] args) {
        List<String> options = Arrays.asList(args);
        if (!options.contains("--port") && env.containsKey("SIM_PORT")) {
            builder.port(number("SIM_PORT", env.get("SIM_PORT")));
        }
        if (!options.contains("--host") && env.containsKey("SIM_HOST")) {
            builder.host(env.get("SIM_HOST"));
        }
        if (!tokenGiven) {
            split(env.get("SIM_TOKEN")).forEach(builder::token);
        }
        if (!repoGiven) {
            split(env.get("SIM_REPOS")).forEach(builder::repository);
        }
        if (!options.contains("--offline-after-s") && env.containsKey("SIM_OFFLINE_AFTER_S")) {
            builder.offlineAfter(Duration.ofSeconds(number("SIM_OFFLINE_AFTER_S", env.get("SIM_OFFLINE_AFTER_S"))));
        }
        if (!options.contains("--rate-limit") && env.containsKey("SIM_RATE_LIMIT")) {
            builder.rateLimit(number("SIM_RATE_LIMIT", env.get("SIM_RATE_LIMIT")));
        }
    }

    private static List<String> split(String commaSeparated) {
        if (commaSeparated == null) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }
}
