package io.shoperp.shopify;

/** Shopify's GraphQL global ids ({@code gid://shopify/Order/123}) and the numeric ids REST and webhooks use. */
public final class GraphQlIds {

    private static final String PREFIX = "gid://shopify/";

    private GraphQlIds() {
    }

    public static String gid(String type, long id) {
        return PREFIX + type + "/" + id;
    }

    /**
     * The numeric id of a gid of the given type; a query string some gids carry
     * ({@code gid://shopify/InventoryLevel/1?inventory_item_id=2}) is ignored.
     *
     * @throws IllegalArgumentException when the text is not a gid of that type
     */
    public static long numericId(String type, String gid) {
        String expectedPrefix = PREFIX + type + "/";
        if (gid == null || !gid.startsWith(expectedPrefix)) {
            throw new IllegalArgumentException("not a " + type + " gid: " + gid);
        }
        String rest = gid.substring(expectedPrefix.length());
        int query = rest.indexOf('?');
        try {
            return Long.parseLong(query < 0 ? rest : rest.substring(0, query));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a " + type + " gid: " + gid, e);
        }
    }
}
