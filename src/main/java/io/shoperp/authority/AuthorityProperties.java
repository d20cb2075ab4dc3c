package io.shoperp.authority;

import io.shoperp.topics.DataKind;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code authority.*}: which system wins, per kind of data. ERPNext owns stock and price; Shopify owns orders,
 * customer details and product details.
 */
@ConfigurationProperties("authority")
public class AuthorityProperties {

    private Authority stock = Authority.ERPNEXT;
    private Authority price = Authority.ERPNEXT;
    private Authority customerDetails = Authority.SHOPIFY;
    private Authority productDetails = Authority.SHOPIFY;
    private Authority orders = Authority.SHOPIFY;

    public Authority ownerOf(DataKind kind) {
        return switch (kind) {
            case STOCK -> stock;
            case PRICE -> price;
            case CUSTOMER_DETAILS -> customerDetails;
            case PRODUCT_DETAILS -> productDetails;
            case ORDERS -> orders;
        };
    }

    public Authority getStock() {
        return stock;
    }

    public void setStock(Authority stock) {
        this.stock = stock;
    }

    public Authority getPrice() {
        return price;
    }

    public void setPrice(Authority price) {
        this.price = price;
    }

    public Authority getCustomerDetails() {
        return customerDetails;
    }

    public void setCustomerDetails(Authority customerDetails) {
        this.customerDetails = customerDetails;
    }

    public Authority getProductDetails() {
        return productDetails;
    }

    public void setProductDetails(Authority productDetails) {
        this.productDetails = productDetails;
    }

    public Authority getOrders() {
        return orders;
    }

    public void setOrders(Authority orders) {
        this.orders = orders;
    }
}
