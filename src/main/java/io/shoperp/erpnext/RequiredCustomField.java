package io.shoperp.erpnext;

/**
 * A custom field the integration needs. A {@code unique} one holds a business key that a doctype's documents are
 * keyed on; a plain one carries a Shopify reference (e.g. the line item id on a row). Its Frappe record name is
 * "dt-fieldname".
 */
public record RequiredCustomField(String doctype, String fieldname, String label, String insertAfter, boolean unique) {

    public static RequiredCustomField key(String doctype, String fieldname, String label, String insertAfter) {
        return new RequiredCustomField(doctype, fieldname, label, insertAfter, true);
    }

    public static RequiredCustomField reference(String doctype, String fieldname, String label, String insertAfter) {
        return new RequiredCustomField(doctype, fieldname, label, insertAfter, false);
    }

    public String recordName() {
        return doctype + "-" + fieldname;
    }
}
