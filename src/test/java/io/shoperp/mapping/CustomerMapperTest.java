package io.shoperp.mapping;

import static io.shoperp.mapping.CustomerFixtures.bobNorman;
import static io.shoperp.mapping.CustomerFixtures.mapping;
import static io.shoperp.mapping.CustomerFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.shopify.ShopifyAddress;
import io.shoperp.shopify.ShopifyCustomer;
import org.junit.jupiter.api.Test;

class CustomerMapperTest {

    @Test
    void customerCarriesNameMastersAndKeyButNotEmailOrPhone() {
        ObjectNode customer = CustomerMapper.customer(parse(bobNorman()), mapping());

        assertThat(customer.toString()).isEqualTo("{\"customer_name\":\"Bob Norman\",\"customer_type\":\"Individual\","
                + "\"customer_group\":\"Individual\",\"territory\":\"United States\","
                + "\"shopify_customer_id\":\"706405506930370084\"}");
    }

    @Test
    void customerNameFallsBackToTheEmailThenToThePlaceholder() {
        ObjectNode payload = bobNorman().putNull("first_name").put("last_name", "  ");
        assertThat(CustomerMapper.customerName(parse(payload))).isEqualTo("bob.norman@example.com");

        payload.putNull("email");
        assertThat(CustomerMapper.customerName(parse(payload))).isEqualTo("Shopify customer 706405506930370084");
    }

    @Test
    void customerNameUsesWhicheverNamePartIsKnownTrimmed() {
        assertThat(CustomerMapper.customerName(parse(bobNorman().putNull("first_name").put("last_name", " Norman "))))
                .isEqualTo("Norman");
    }

    @Test
    void nonAsciiNamesSurviveUntouched() {
        ShopifyCustomer zoe = parse(bobNorman().put("first_name", "Zoë").put("last_name", "Ångström"));
        ShopifyCustomer taro = parse(bobNorman().put("first_name", "東京").put("last_name", "太郎"));

        assertThat(CustomerMapper.customer(zoe, mapping()).get("customer_name").asText()).isEqualTo("Zoë Ångström");
        assertThat(CustomerMapper.contact(taro, "東京 太郎").get("first_name").asText()).isEqualTo("東京");
        assertThat(CustomerMapper.contact(taro, "東京 太郎").get("last_name").asText()).isEqualTo("太郎");
    }

    @Test
    void missingCustomerGroupNamesTheConfigurationKey() {
        ErpNextMappingProperties unconfigured = mapping();
        unconfigured.setCustomerGroup(null);

        assertThatThrownBy(() -> CustomerMapper.customer(parse(bobNorman()), unconfigured))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("erpnext.customer-group");
    }

    @Test
    void addressComesFromTheDefaultAddressLinkedToTheCustomer() {
        ObjectNode address = CustomerMapper.address(parse(bobNorman()), "Bob Norman - 1", ShopifyAddress::country)
                .orElseThrow();

        assertThat(address.toString()).isEqualTo("{\"address_title\":\"Bob Norman - 1\",\"address_type\":\"Billing\","
                + "\"address_line1\":\"Chestnut Street 92\",\"address_line2\":\"Apt 4\",\"city\":\"Louisville\","
                + "\"state\":\"Kentucky\",\"pincode\":\"40202\",\"country\":\"United States\",\"phone\":\"555-625-1199\","
                + "\"shopify_address_id\":\"1053317291\","
                + "\"links\":[{\"link_doctype\":\"Customer\",\"link_name\":\"Bob Norman - 1\"}]}");
    }

    @Test
    void addressWithoutAFieldErpNextRequiresIsLeftOutAndTheGapNamed() {
        ObjectNode payload = bobNorman();
        ((ObjectNode) payload.get("default_address")).putNull("city").put("address1", " ");
        ShopifyCustomer customer = parse(payload);

        assertThat(CustomerMapper.address(customer, "Bob Norman", ShopifyAddress::country)).isEmpty();
        assertThat(CustomerMapper.missingAddressFields(customer.defaultAddress())).containsExactly("address1", "city");
        assertThat(CustomerMapper.address(parse(bobNorman().putNull("default_address")), "Bob Norman",
                ShopifyAddress::country)).isEmpty();
    }

    @Test
    void addressOmitsOptionalFieldsShopifyLeftEmpty() {
        ObjectNode payload = bobNorman();
        ((ObjectNode) payload.get("default_address")).putNull("address2").putNull("province").putNull("zip").putNull("phone");

        ObjectNode address = CustomerMapper.address(parse(payload), "Bob Norman", ShopifyAddress::country).orElseThrow();

        assertThat(address.has("address_line2") || address.has("state") || address.has("pincode") || address.has("phone"))
                .isFalse();
    }

    @Test
    void contactHoldsNamesPrimaryEmailAndPhoneLinkedToTheCustomer() {
        ObjectNode contact = CustomerMapper.contact(parse(bobNorman()), "Bob Norman");

        assertThat(contact.toString()).isEqualTo("{\"first_name\":\"Bob\",\"last_name\":\"Norman\","
                + "\"email_ids\":[{\"email_id\":\"bob.norman@example.com\",\"is_primary\":1}],"
                + "\"phone_nos\":[{\"phone\":\"+16136120707\",\"is_primary_phone\":1}],"
                + "\"links\":[{\"link_doctype\":\"Customer\",\"link_name\":\"Bob Norman\"}],"
                + "\"shopify_customer_id\":\"706405506930370084\"}");
    }

    @Test
    void contactFirstNameFallsBackToTheEmailLocalPartThenThePlaceholder() {
        ObjectNode payload = bobNorman().putNull("first_name").putNull("last_name");
        assertThat(CustomerMapper.contact(parse(payload), "x").get("first_name").asText()).isEqualTo("bob.norman");

        payload.putNull("email").putNull("phone");
        ObjectNode contact = CustomerMapper.contact(parse(payload), "x");
        assertThat(contact.get("first_name").asText()).isEqualTo("Shopify customer 706405506930370084");
        assertThat(contact.has("last_name") || contact.has("email_ids") || contact.has("phone_nos")).isFalse();
    }

    @Test
    void primaryLinksNameTheContactAndTheAddressWhenThereIsOne() {
        assertThat(CustomerMapper.primaryLinks("Bob Norman", Optional.of("Bob Norman-Billing")).toString())
                .isEqualTo("{\"customer_primary_contact\":\"Bob Norman\",\"customer_primary_address\":\"Bob Norman-Billing\"}");
        assertThat(CustomerMapper.primaryLinks("Bob Norman", Optional.empty()).toString())
                .isEqualTo("{\"customer_primary_contact\":\"Bob Norman\"}");
    }
}
