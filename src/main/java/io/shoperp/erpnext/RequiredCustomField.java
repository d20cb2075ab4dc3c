package io.shoperp.erpnext;

/** A unique custom field the integration keys a doctype's documents on. Its Frappe record name is "dt-fieldname". */
public record RequiredCustomField(String doctype, String fieldname, String label, String insertAfter) {

    public String recordName() {
        return doctype + "-" + fieldname;
    }
}
