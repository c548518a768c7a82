package io.runnerorchestrator.app.metrics;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every metric name the code exposes has its row in README.md's metrics table. */
class MetricsDocumentedTest {

    @Test
    void everyMetricNameIsInTheReadmeTable() throws IOException {
        String readme = Files.readString(Path.of("..", "..", "README.md"));
        List<String> names = Arrays.stream(MetricNames.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .map(MetricsDocumentedTest::value).toList();

        assertThat(names).hasSize(24)
                .allSatisfy(name -> assertThat(readme).as("README row for " + name).contains("| `" + name));
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
