package io.shoperp.erpnext;

/** A custom field the integration needs exists in ERPNext but is not unique, so it cannot guard against duplicates. */
public class CustomFieldClashException extends IllegalStateException {

    public CustomFieldClashException(String message) {
        super(message);
    }
}
