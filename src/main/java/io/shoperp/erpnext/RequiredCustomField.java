package io.shoperp.erpnext;

/**
 * A custom field the integration needs. A {@code unique} one holds a business key that a doctype's documents are
 * keyed on; a plain one carries a Shopify reference (e.g. the line item id on a row) or, as Small Text, free text
 * such as an order's note. Its Frappe record name is "dt-fieldname".
 */
public record RequiredCustomField(String doctype, String fieldname, String label, String insertAfter, boolean unique,
                                  String fieldtype) {

    public static RequiredCustomField key(String doctype, String fieldname, String label, String insertAfter) {
        return new RequiredCustomField(doctype, fieldname, label, insertAfter, true, "Data");
    }

    public static RequiredCustomField reference(String doctype, String fieldname, String label, String insertAfter) {
        return new RequiredCustomField(doctype, fieldname, label, insertAfter, false, "Data");
    }

    /** Free text longer than a Data field's 140 characters. */
    public static RequiredCustomField text(String doctype, String fieldname, String label, String insertAfter) {
        return new RequiredCustomField(doctype, fieldname, label, insertAfter, false, "Small Text");
    }

    public String recordName() {
        return doctype + "-" + fieldname;
    }
}
