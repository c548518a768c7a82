package io.runnerorchestrator.adapter.github;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** Reads GitHub's snake_case JSON into the wire records; unreadable answers become typed errors. */
final class GitHubJson {

    private final JsonMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            // GitHub adds fields over time and sends null for unset ones
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // optional request fields (work_folder) are left out rather than sent as null
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    JsonMapper mapper() {
        return mapper;
    }

    JsonNode tree(ApiRequest request, GitHubResponse response) {
        try {
            return mapper.readTree(response.body());
        } catch (JacksonException e) {
            throw GitHubFailures.unreadable(request, response.status(), e);
        }
    }

    <T> T value(ApiRequest request, JsonNode node, Class<T> type) {
        try {
            return mapper.treeToValue(node, type);
        } catch (JacksonException e) {
            throw GitHubFailures.unreadable(request, 200, e);
        }
    }

    /** A required text field; its absence means GitHub answered something unexpected. */
    String text(ApiRequest request, JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isString() || value.asString().isEmpty()) {
            throw GitHubFailures.unreadable(request, 200, new IllegalStateException("field '" + field + "' is missing"));
        }
        return value.asString();
    }

    String write(Object value) {
        return mapper.writeValueAsString(value);
    }
}
