package io.shoperp.erpnext;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Turns a non-2xx Frappe answer into the matching {@link ErpNextException}. */
final class FrappeErrorResponse {

    private FrappeErrorResponse() {
    }

    static ErpNextException toException(String operation, int status, JsonNode body, Optional<String> retryAfter,
            ObjectMapper json) {
        String excType = body.path("exc_type").asText(null);
        String message = operation + ": HTTP " + status + (excType == null ? "" : " " + excType)
                + describe(body, json).map(m -> ": " + m).orElse("");
        if (status == 408 || status == 429 || status >= 500) {
            boolean mayHaveBeenApplied = status == 500 || status == 502 || status == 504;
            return new ErpNextTransientException(message, status, excType,
                    retryAfter.flatMap(FrappeErrorResponse::parseRetryAfter).orElse(null), mayHaveBeenApplied, null);
        }
        return new ErpNextPermanentException(message, status, excType);
    }

    /** The human text: Frappe's _server_messages if present, else the text after "module.Class: " in exception. */
    private static Optional<String> describe(JsonNode body, ObjectMapper json) {
        List<String> messages = serverMessages(body.path("_server_messages").asText(""), json);
        if (!messages.isEmpty()) {
            return Optional.of(String.join("; ", messages));
        }
        String exception = body.path("exception").asText("");
        int separator = exception.indexOf(": ");
        String text = separator >= 0 ? exception.substring(separator + 2) : exception;
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    private static List<String> serverMessages(String encoded, ObjectMapper json) {
        List<String> messages = new ArrayList<>();
        if (encoded.isBlank()) {
            return messages;
        }
        try {
            for (JsonNode entry : json.readTree(encoded)) {
                JsonNode message = entry.isTextual() ? json.readTree(entry.asText()) : entry;
                String text = message.path("message").asText("").replaceAll("<[^>]+>", "").strip();
                if (!text.isEmpty()) {
                    messages.add(text);
                }
            }
        } catch (JsonProcessingException notJson) {
            messages.add(encoded);
        }
        return messages;
    }

    static Optional<Duration> parseRetryAfter(String header) {
        String value = header.strip();
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration untilDate = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return Optional.of(untilDate.isNegative() ? Duration.ZERO : untilDate);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
