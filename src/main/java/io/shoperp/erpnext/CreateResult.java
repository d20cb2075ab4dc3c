package io.shoperp.erpnext;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The document ERPNext holds for a business key after {@link ErpNextClient#create}, and whether this call's POST
 * answered with it (false: it already existed, or it was found after a write whose answer was lost).
 */
public record CreateResult(ObjectNode document, boolean createdByThisCall) {

    public String name() {
        return document.path("name").asText();
    }
}
