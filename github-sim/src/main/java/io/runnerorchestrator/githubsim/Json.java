package io.runnerorchestrator.githubsim;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** JSON in GitHub's style: snake_case names, nulls written out. The mapper is immutable. */
final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode array = array();
        values.forEach(array::add);
        return array;
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** Parses a request body; an empty body is an empty object. */
    static ObjectNode readObject(byte[] body) {
        if (body.length == 0) {
            return object();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JacksonException e) {
            throw new ApiException(400, "Problems parsing JSON");
        }
        throw new ApiException(400, "Problems parsing JSON");
    }

    /** Parses a request body that must be a JSON array. */
    static ArrayNode readArray(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node instanceof ArrayNode array) {
                return array;
            }
        } catch (JacksonException e) {
            throw new ApiException(400, "Problems parsing JSON");
        }
        throw new ApiException(400, "Problems parsing JSON: an array is expected");
    }

    /** A required array of non-blank strings, named in the error otherwise. */
    static List<String> stringList(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isArray()) {
            throw ApiException.validation("\"" + field + "\" wasn't supplied as an array of strings.");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isString() || item.stringValue().isBlank()) {
                throw ApiException.validation("\"" + field + "\" items must be non-blank strings, got " + item);
            }
            values.add(item.stringValue());
        }
        return values;
    }

    /** A required non-blank string, named in the error otherwise. */
    static String requiredString(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isString() || value.stringValue().isBlank()) {
            throw ApiException.validation("\"" + field + "\" wasn't supplied.");
        }
        return value.stringValue();
    }
}
