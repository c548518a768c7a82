package io.runnerorchestrator.core.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Typed reads of environment variables. A blank value counts as unset (compose files often write
 * {@code NAME=}). Every failure is a {@link ConfigException} naming the variable and the value.
 */
public final class EnvReader {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d+");
    private static final Pattern DURATION = Pattern.compile("(-?\\d+)(ms|s|m|h)?", Pattern.CASE_INSENSITIVE);
    private static final int MAX_SHOWN_CHARS = 60;

    private final Map<String, String> env;

    public EnvReader(Map<String, String> env) {
        this.env = env;
    }

    public Optional<String> optional(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String string(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    /** Read without ever showing the value in an error. */
    public Optional<Secret> secret(String name) {
        return optional(name).map(Secret::of);
    }

    public int wholeNumber(String name, int defaultValue, int minimum) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        if (!WHOLE_NUMBER.matcher(raw.get()).matches()) {
            throw invalid(name, raw.get(), "is not a whole number");
        }
        long value;
        try {
            value = Long.parseLong(raw.get());
        } catch (NumberFormatException e) {
            throw invalid(name, raw.get(), "is too large");
        }
        requireAtLeast(name, raw.get(), value, minimum);
        if (value > Integer.MAX_VALUE) {
            throw invalid(name, raw.get(), "is too large");
        }
        return (int) value;
    }

    /** The longest duration any setting accepts unless it names its own bound. */
    static final Duration MAX_DURATION = Duration.ofDays(7);
    /** Stands for a value too large for {@link Duration}: longer than any maximum. */
    private static final Duration TOO_LONG = Duration.ofSeconds(Long.MAX_VALUE);

    /** Plain seconds ("300") or with a unit: "500ms", "30s", "5m", "1h"; at most {@link #MAX_DURATION}. */
    public Duration duration(String name, Duration defaultValue, Duration minimum) {
        return duration(name, defaultValue, minimum, MAX_DURATION);
    }

    /** As {@link #duration(String, Duration, Duration)}, between {@code minimum} and {@code maximum}. */
    public Duration duration(String name, Duration defaultValue, Duration minimum, Duration maximum) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        Matcher m = DURATION.matcher(raw.get());
        if (!m.matches()) {
            throw invalid(name, raw.get(), "is not a duration (use seconds like 300, or 500ms, 30s, 5m, 1h)");
        }
        long amount;
        try {
            amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw invalid(name, raw.get(), "is too large");
        }
        if (amount < 0) {
            throw new ConfigException(name + "=" + raw.get() + " must not be negative");
        }
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
        Duration value;
        try {
            value = switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
        } catch (ArithmeticException e) {
            value = TOO_LONG;
        }
        if (value.compareTo(minimum) < 0) {
            throw new ConfigException(name + "=" + raw.get() + " must be at least " + describe(minimum));
        }
        if (value.compareTo(maximum) > 0) {
            throw new ConfigException(name + "=" + quote(raw.get()) + " must be at most " + describe(maximum));
        }
        return value;
    }

    public boolean flag(String name, boolean defaultValue) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, raw.get(), "must be true or false");
        };
    }

    /** One of the enum's constants, written in any case. */
    public <E extends Enum<E>> E choice(String name, E defaultValue, Class<E> type) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(raw.get())) {
                return constant;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        throw invalid(name, raw.get(), "must be one of " + allowed);
    }

    public static ConfigException invalid(String name, String value, String problem) {
        return new ConfigException(name + "=" + quote(value) + " " + problem);
    }

    /** Single-quoted, one line, shortened: a message must stay one readable line. */
    public static String quote(String value) {
        String oneLine = oneLine(value);
        String shown = oneLine.length() > MAX_SHOWN_CHARS ? oneLine.substring(0, MAX_SHOWN_CHARS) + "..." : oneLine;
        return "'" + shown + "'";
    }

    public static String oneLine(String text) {
        return text.replaceAll("\\p{Cntrl}", "?");
    }

    private static void requireAtLeast(String name, String raw, long value, int minimum) {
        if (value < minimum) {
            throw new ConfigException(name + "=" + raw + (minimum == 0 ? " must not be negative" : " must be at least " + minimum));
        }
    }

    private static String describe(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long seconds = d.toSeconds();
        return seconds % 3600 == 0 && seconds > 0 ? seconds / 3600 + "h"
                : seconds % 60 == 0 && seconds > 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
