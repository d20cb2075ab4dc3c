package io.shoperp.mapping;

import static io.shoperp.support.CustomerFixtures.bobNorman;
import static io.shoperp.support.CustomerFixtures.mapping;
import static io.shoperp.support.CustomerFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.inbox.UnprocessableEventException;
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
                .isInstanceOf(UnprocessableEventException.class)
                .hasMessageContaining("erpnext.customer-group");
    }

    @Test
    void addressComesFromTheDefaultAddressLinkedToTheCustomer() {
        ObjectNode address = CustomerMapper.address(parse(bobNorman()).defaultAddress(), "Bob Norman - 1", "United States");

        assertThat(address.toString()).isEqualTo("{\"address_title\":\"Bob Norman - 1\",\"address_type\":\"Billing\","
                + "\"address_line1\":\"Chestnut Street 92\",\"address_line2\":\"Apt 4\",\"city\":\"Louisville\","
                + "\"state\":\"Kentucky\",\"pincode\":\"40202\",\"country\":\"United States\",\"phone\":\"555-625-1199\","
                + "\"shopify_address_id\":\"1053317291\","
                + "\"links\":[{\"link_doctype\":\"Customer\",\"link_name\":\"Bob Norman - 1\"}]}");
    }

    @Test
    void addressFieldsErpNextRequiresAreNamedWhenMissing() {
        ObjectNode payload = bobNorman();
        ((ObjectNode) payload.get("default_address")).putNull("city").put("address1", " ");

        assertThat(CustomerMapper.missingAddressFields(parse(payload).defaultAddress())).containsExactly("address1", "city");
        assertThat(CustomerMapper.missingAddressFields(parse(bobNorman()).defaultAddress())).isEmpty();
    }

    @Test
    void addressOmitsOptionalFieldsShopifyLeftEmpty() {
        ObjectNode payload = bobNorman();
        ((ObjectNode) payload.get("default_address")).putNull("address2").putNull("province").putNull("zip").putNull("phone");

        ObjectNode address = CustomerMapper.address(parse(payload).defaultAddress(), "Bob Norman", "United States");

        assertThat(address.has("address_line2") || address.has("state") || address.has("pincode") || address.has("phone"))
                .isFalse();
    }

    @Test
    void addressTextIsCutToItsErpNextColumnAndTheTitleLeavesRoomForTheAddressName() {
        ObjectNode payload = bobNorman();
        ((ObjectNode) payload.get("default_address")).put("address1", "a".repeat(300)).put("city", "c".repeat(200))
                .put("zip", "9".repeat(150)).put("phone", "5".repeat(141));
        String longCustomerName = "N".repeat(136);

        ObjectNode address = CustomerMapper.address(parse(payload).defaultAddress(), longCustomerName, "United States");

        assertThat(address.get("address_line1").asText()).hasSize(240);
        assertThat(address.get("city").asText()).hasSize(140);
        assertThat(address.get("pincode").asText()).hasSize(140);
        assertThat(address.get("phone").asText()).as("Address.phone is not validated, only limited").hasSize(140);
        assertThat(address.get("address_title").asText() + "-Billing-9").hasSize(140);
        assertThat(address.get("links").get(0).get("link_name").asText()).isEqualTo(longCustomerName);
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
    void contactLeavesOutAnEmailOrPhoneErpNextWouldRefuseAndSaysWhich() {
        ShopifyCustomer customer = parse(bobNorman().put("email", "josé@example.com").put("phone", "+1 555 0100 ext. 7"));

        ObjectNode contact = CustomerMapper.contact(customer, "Bob Norman");

        assertThat(contact.has("email_ids") || contact.has("phone_nos")).isFalse();
        assertThat(CustomerMapper.refusedContactDetails(customer)).containsExactly("email", "phone");
        assertThat(CustomerMapper.refusedContactDetails(parse(bobNorman()))).isEmpty();
    }

    @Test
    void emailsAreKeptExactlyWhenErpNextsPatternTakesThem() {
        assertThat(List.of("bob.norman@example.com", "O'Hara+shop@mail.example.co.uk", "x@a-b.io"))
                .allSatisfy(email -> assertThat(refused(bobNorman().put("email", email))).isEmpty());
        assertThat(List.of("user@müller.de", "a..b@example.com", ".a@example.com", "a.@example.com", "bob@localhost",
                "bob norman@example.com", "undisclosed-recipients@example.com",
                "l".repeat(130) + "@example.com"))
                .allSatisfy(email -> assertThat(refused(bobNorman().put("email", email))).containsExactly("email"));
    }

    @Test
    void phonesAreKeptWhenTheyAreAtMostTwentyDigitsAndSeparators() {
        assertThat(List.of("+16136120707", "(0)30 123-456", "+44 20 7946 0958 #12"))
                .allSatisfy(phone -> assertThat(refused(bobNorman().put("phone", phone))).isEmpty());
        assertThat(List.of("+1 555 0100 ext 5", "+123456789012345678901", "٠١٢٣"))
                .allSatisfy(phone -> assertThat(refused(bobNorman().put("phone", phone))).containsExactly("phone"));
    }

    @Test
    void contactNamesLeaveRoomForTheContactNameErpNextBuilds() {
        ShopifyCustomer bot = parse(bobNorman().put("first_name", "F".repeat(200)).put("last_name", "L".repeat(200)));
        String customerDocName = CustomerNames.customerName(bot);

        ObjectNode contact = CustomerMapper.contact(bot, customerDocName);

        String contactName = contact.get("first_name").asText() + "-" + customerDocName;
        assertThat(contactName.length() + "-9".length()).isLessThanOrEqualTo(140);
    }

    @Test
    void namesLoseTheirAngleBracketsWhichErpNextRefusesInNames() {
        ShopifyCustomer customer = parse(bobNorman().put("first_name", "<Bob>").put("last_name", "Nor>man"));

        assertThat(CustomerMapper.customer(customer, mapping()).get("customer_name").asText()).isEqualTo("Bob Norman");
        ObjectNode contact = CustomerMapper.contact(customer, "Bob Norman");
        assertThat(contact.get("first_name").asText() + " " + contact.get("last_name").asText()).isEqualTo("Bob Norman");
    }

    @Test
    void primaryLinksNameTheContactAndTheAddressWhenThereIsOne() {
        assertThat(CustomerMapper.primaryLinks("Bob Norman", Optional.of("Bob Norman-Billing")).toString())
                .isEqualTo("{\"customer_primary_contact\":\"Bob Norman\",\"customer_primary_address\":\"Bob Norman-Billing\"}");
        assertThat(CustomerMapper.primaryLinks("Bob Norman", Optional.empty()).toString())
                .isEqualTo("{\"customer_primary_contact\":\"Bob Norman\"}");
    }

    private static List<String> refused(ObjectNode payload) {
        return CustomerMapper.refusedContactDetails(parse(payload));
    }
}
