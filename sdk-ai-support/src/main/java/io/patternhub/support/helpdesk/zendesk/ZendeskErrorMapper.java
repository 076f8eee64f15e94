package io.patternhub.support.helpdesk.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.error.ValidationError;
import io.patternhub.core.http.DefaultErrorMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Zendesk's error documents: {@code {"error": "RecordNotFound", "description": "Not found"}},
 * {@code {"error": "RecordInvalid", "description": ..., "details": {field: [{"description", "error"}]}}},
 * {@code {"error": "Couldn't authenticate you"}} and {@code {"error": {"title", "message"}}}.
 */
final class ZendeskErrorMapper extends DefaultErrorMapper {

    @Override
    protected Optional<String> message(JsonNode body) {
        JsonNode error = body.path("error");
        if (error.isObject()) {
            String title = error.path("title").asText("");
            String message = error.path("message").asText("");
            return Optional.of((title + (title.isEmpty() || message.isEmpty() ? "" : ": ") + message).strip());
        }
        String description = body.path("description").asText("");
        List<ValidationError> details = validationErrors(body);
        if (!description.isEmpty()) {
            String first = details.isEmpty() ? "" : " (" + details.get(0).field() + ": " + details.get(0).message() + ")";
            return Optional.of(description + first);
        }
        return error.isTextual() ? Optional.of(error.asText()) : super.message(body);
    }

    @Override
    protected Optional<String> errorCode(JsonNode body) {
        JsonNode error = body.path("error");
        if (error.isTextual() && !error.asText().contains(" ")) {
            return Optional.of(error.asText()); // RecordNotFound, RecordInvalid, InvalidValue...
        }
        if (error.isObject() && error.path("title").isTextual()) {
            return Optional.of(error.path("title").asText());
        }
        return Optional.empty();
    }

    @Override
    protected List<ValidationError> validationErrors(JsonNode body) {
        List<ValidationError> out = new ArrayList<>();
        JsonNode details = body.path("details");
        if (details.isObject()) {
            details.fields().forEachRemaining(e -> {
                for (JsonNode d : e.getValue()) {
                    out.add(new ValidationError(e.getKey(), d.path("error").asText(""),
                            d.path("description").asText(d.toString())));
                }
            });
        }
        return out;
    }
}
