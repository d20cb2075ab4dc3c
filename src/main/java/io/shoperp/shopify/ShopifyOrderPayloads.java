package io.shoperp.shopify;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.shoperp.inbox.UnprocessableEventException;

/**
 * Reads order-to-cash webhook bodies (Order, Refund, Fulfillment, Transaction, Product) into their records. Unknown fields are
 * ignored, decimals stay BigDecimal, a missing field the mapping cannot do without or malformed JSON is a
 * {@link UnprocessableEventException} (the event is permanently unprocessable as sent).
 */
public final class ShopifyOrderPayloads {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private ShopifyOrderPayloads() {
    }

    public static ShopifyOrder order(byte[] body) {
        return read(body, ShopifyOrder.class);
    }

    public static ShopifyRefund refund(byte[] body) {
        return read(body, ShopifyRefund.class);
    }

    public static ShopifyFulfillment fulfillment(byte[] body) {
        return read(body, ShopifyFulfillment.class);
    }

    public static ShopifyTransaction transaction(byte[] body) {
        return read(body, ShopifyTransaction.class);
    }

    /** The Admin API's answer to GET orders/&lt;id&gt;/transactions.json: {@code {"transactions":[...]}}. */
    public static List<ShopifyTransaction> transactions(byte[] body) {
        return nonNull(read(body, TransactionList.class).transactions());
    }

    private record TransactionList(List<ShopifyTransaction> transactions) {
    }

    public static ShopifyProduct product(byte[] body) {
        return read(body, ShopifyProduct.class);
    }

    private static <T> T read(byte[] body, Class<T> type) {
        try {
            T value = JSON.readValue(body, type);
            if (value == null) {
                throw new UnprocessableEventException("malformed Shopify " + type.getSimpleName() + ": empty body");
            }
            return value;
        } catch (IOException e) {
            UnprocessableEventException cause = findUnprocessable(e);
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw cause != null ? cause : new UnprocessableEventException("malformed Shopify " + type.getSimpleName() + ": " + reason, e);
        }
    }

    /** Records validate in their constructors; Jackson wraps what they throw. */
    private static UnprocessableEventException findUnprocessable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnprocessableEventException mappingException) {
                return mappingException;
            }
        }
        return null;
    }

    static <T> T require(T value, String field) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw new UnprocessableEventException("malformed Shopify payload: " + field + " is missing");
        }
        return value;
    }

    static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }
}
