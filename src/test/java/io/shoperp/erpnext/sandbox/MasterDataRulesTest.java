package io.shoperp.erpnext.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.ErpNextClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ERPNext's answers to Customer, Contact, Address and Item documents it refuses (notes/audit-masters.md), over raw HTTP. */
class MasterDataRulesTest {

    private static final ObjectMapper JSON = ErpNextClient.objectMapper();

    private ErpNextSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = ErpNextSandbox.startSeeded();
        http = new SandboxHttp(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    @Test
    void contactIsNamedFullNameDashCustomerAndNumberedOnAClash() {
        assertThat(name(post("Contact", contact("Bob", "Norman", "Bob Norman")))).isEqualTo("Bob Norman-Bob Norman");
        assertThat(name(post("Contact", contact("Bob", "Norman", "Bob Norman")))).isEqualTo("Bob Norman-Bob Norman-1");
        assertThat(name(post("Contact", contact(" Bob ", "Norman", "Bob Norman")))).isEqualTo("Bob Norman-Bob Norman-2");
        assertThat(sandbox.document("Contact", "Bob Norman-Bob Norman-2").orElseThrow().get("full_name").asText())
                .as("Contact.validate sets full_name").isEqualTo("Bob Norman");
    }

    @Test
    void addressIsNamedTitleDashTypeAndNumberedOnAClashTheTitleDefaultingToTheLinkedCustomer() {
        assertThat(name(post("Address", address("Bob Norman", "United States")))).isEqualTo("Bob Norman-Billing");
        assertThat(name(post("Address", address("Bob Norman", "United States")))).isEqualTo("Bob Norman-Billing-1");
        ObjectNode untitled = address("ignored", "United States");
        untitled.remove("address_title");
        assertThat(name(post("Address", untitled))).isEqualTo("Bob Norman-Billing-2");
    }

    @Test
    void aNameLongerThanTheNameColumnIs500DataErrorAndNothingIsStored() {
        // 70 + 1 + 70 = 141: within every Data field, too long for the name column.
        SandboxHttp.Answer contact = post("Contact", contact("F".repeat(34), "L".repeat(35), "C".repeat(70)));

        assertError(contact, 500, "DataError");
        assertThat(message(contact)).isEqualTo("(1406, \"Data too long for column 'name' at row 1\")");
        assertThat(sandbox.documents("Contact")).isEmpty();

        String customerName = "N".repeat(137);
        assertThat(name(post("Customer", ErpDocuments.customer("1", customerName)))).isEqualTo(customerName);
        assertError(post("Customer", ErpDocuments.customer("2", customerName)), 500, "DataError");
        assertThat(sandbox.count("Customer", "shopify_customer_id", "2")).as("'" + customerName + " - 1' is 141 characters")
                .isZero();

        assertError(post("Address", address("T".repeat(133), "United States")), 500, "DataError");
    }

    @Test
    void aDataFieldLongerThanItsColumnIs417NamingTheFieldAndTheLimit() {
        SandboxHttp.Answer customer = post("Customer", ErpDocuments.customer("1", "N".repeat(141)));

        assertError(customer, 417, "CharacterLengthExceededError");
        assertThat(message(customer)).isEqualTo("Customer " + "N".repeat(141) + ": '<strong>Customer Name</strong>' ("
                + "N".repeat(141) + ") will get truncated, as max characters allowed is 140");

        ObjectNode longLine = address("Bob Norman", "United States").put("address_line1", "a".repeat(241));
        assertThat(message(post("Address", longLine))).contains("'<strong>Address Line 1</strong>'")
                .endsWith("max characters allowed is 240");
        assertThat(post("Address", longLine.put("address_line1", "a".repeat(240))).status()).isEqualTo(200);

        ObjectNode longEmail = contact("Bob", "Norman", "Bob Norman");
        longEmail.putArray("email_ids").addObject().put("email_id", "e".repeat(129) + "@example.com").put("is_primary", 1);
        assertThat(message(post("Contact", longEmail))).startsWith("Contact Email, Row 1: '<strong>Email ID</strong>' (");
    }

    @Test
    void lengthsCountCodePointsAsPythonAndMariaDbDo() {
        String emoji = "\uD83D\uDE00";

        assertThat(post("Customer", ErpDocuments.customer("1", emoji.repeat(140))).status()).isEqualTo(200);
        assertError(post("Customer", ErpDocuments.customer("2", emoji.repeat(141))), 417, "CharacterLengthExceededError");
    }

    @Test
    void contactFullNameOverTheDataLimitIs417BeforeTheNameReachesTheDatabase() {
        SandboxHttp.Answer answer = post("Contact", contact("F".repeat(70), "L".repeat(70), "Bob"));

        assertError(answer, 417, "CharacterLengthExceededError");
        assertThat(message(answer)).contains("'<strong>Full Name</strong>'");
    }

    @Test
    void addressCountryMustBeAnErpNextCountry() {
        SandboxHttp.Answer kosovo = post("Address", address("Bob Norman", "Kosovo"));

        assertError(kosovo, 417, "LinkValidationError");
        assertThat(message(kosovo)).isEqualTo("Could not find Country: Kosovo");
        assertThat(post("Address", address("Bob Norman", "Germany")).status()).isEqualTo(200);
    }

    @Test
    void namesWithAngleBracketsAre409NameErrorBeforeAnyLengthCheck() {
        SandboxHttp.Answer customer = post("Customer", ErpDocuments.customer("1", "Bob <b>Norman</b>"));
        assertError(customer, 409, "NameError");
        assertThat(message(customer)).isEqualTo("Name cannot contain special characters like '<', '>'");

        assertError(post("Contact", contact("<Bob>", "Norman", "Bob Norman")), 409, "NameError");
        ObjectNode address = address("Bob >", "United States").put("city", "c".repeat(141));
        assertError(post("Address", address), 409, "NameError");
        ObjectNode item = JSON.createObjectNode().put("item_code", "SHIRT<RED>").put("item_name", "Shirt")
                .put("item_group", "Products").put("stock_uom", "Nos");
        assertError(post("Item", item), 409, "NameError");
        assertThat(sandbox.documents("Contact")).isEmpty();
    }

    @Test
    void namesEqualToTheDoctypeOrStartingAsANewDocumentAre409NameError() {
        SandboxHttp.Answer customer = post("Customer", ErpDocuments.customer("1", "Customer"));
        assertError(customer, 409, "NameError");
        assertThat(message(customer)).isEqualTo("Name of Customer cannot be Customer");

        SandboxHttp.Answer placeholder = post("Customer", ErpDocuments.customer("2", "New Customer 12"));
        assertError(placeholder, 409, "NameError");
        assertThat(message(placeholder))
                .isEqualTo("There were some errors setting the name, please contact the administrator");

        assertThat(name(post("Customer", ErpDocuments.customer("3", "Customer Care")))).isEqualTo("Customer Care");
    }

    @Test
    void customerNamedLikeACustomerGroupIsRefusedIgnoringCaseAndAccentsAndRolledBack() {
        SandboxHttp.Answer answer = post("Customer", ErpDocuments.customer("1", "individual"));

        assertError(answer, 409, "NameError");
        assertThat(message(answer)).isEqualTo("A Customer Group exists with same name please change the Customer name or"
                + " rename the Customer Group");
        assertError(post("Customer", ErpDocuments.customer("2", "Índividual")), 409, "NameError");
        assertThat(sandbox.documents("Customer")).isEmpty();
    }

    @Test
    void customerGroupClashRunsOnEverySaveAndUndoesIt() {
        post("Customer", ErpDocuments.customer("1", "Wholesale"));
        sandbox.seedDocument("Customer Group", JSON.createObjectNode().put("name", "Wholesale")
                .put("parent_customer_group", "All Customer Groups"));

        SandboxHttp.Answer put = http.call("PUT", "/api/resource/Customer/Wholesale", "{\"customer_type\": \"Company\"}");

        assertError(put, 409, "NameError");
        assertThat(sandbox.document("Customer", "Wholesale").orElseThrow().get("customer_type").asText())
                .isEqualTo("Individual");
    }

    @Test
    void contactEmailRowsMustBeAddressesFrappeAccepts() {
        SandboxHttp.Answer accented = post("Contact",
                withEmail(contact("José", "Ruiz", "Bob Norman"), "josé@example.com"));
        assertError(accented, 417, "InvalidEmailAddressError");
        assertThat(message(accented)).isEqualTo("josé@example.com is not a valid Email Address");

        assertError(post("Contact", withEmail(contact("A", "B", "Bob Norman"), "a..b@example.com")), 417,
                "InvalidEmailAddressError");
        assertError(post("Contact", withEmail(contact("A", "B", "Bob Norman"), "bob norman@example.com")), 417,
                "InvalidEmailAddressError");
        assertThat(message(post("Contact", withEmail(contact("A", "B", "Bob Norman"), "a<b>@example.com"))))
                .as("reported HTML-escaped").isEqualTo("a&lt;b&gt;@example.com is not a valid Email Address");
        assertThat(post("Contact", withEmail(contact("A", "B", "Bob Norman"), "Bob <bob@example.com>")).status())
                .isEqualTo(200);
        assertThat(post("Contact", withEmail(contact("A", "B", "Bob Norman"), "O'Hara+shop@mail.example.co.uk")).status())
                .isEqualTo(200);
    }

    @Test
    void contactPhoneRowsMustBeTwentyDigitsOrSeparatorsButAddressPhoneIsFreeText() {
        SandboxHttp.Answer extension = post("Contact", withPhone(contact("A", "B", "Bob Norman"), "+1 555 0100 ext 5"));
        assertError(extension, 417, "InvalidPhoneNumberError");
        assertThat(message(extension)).isEqualTo("+1 555 0100 ext 5 is not a valid Phone Number");

        assertError(post("Contact", withPhone(contact("A", "B", "Bob Norman"), "1".repeat(21))), 417,
                "InvalidPhoneNumberError");
        assertThat(post("Contact", withPhone(contact("A", "B", "Bob Norman"), " +44 (20) 7946-0958 ")).status())
                .isEqualTo(200);
        assertThat(post("Address", address("Bob Norman", "United States").put("phone", "+1 555 0100 ext 5")).status())
                .isEqualTo(200);
    }

    @Test
    void updatesAreCheckedToo() {
        String name = name(post("Contact", contact("Bob", "Norman", "Bob Norman")));

        SandboxHttp.Answer put = http.call("PUT", "/api/resource/Contact/" + name.replace(" ", "%20"),
                "{\"phone_nos\": [{\"phone\": \"call me\", \"is_primary_phone\": 1}]}");

        assertError(put, 417, "InvalidPhoneNumberError");
    }

    private SandboxHttp.Answer post(String doctype, ObjectNode document) {
        return http.call("POST", "/api/resource/" + doctype.replace(" ", "%20"), document.toString());
    }

    private ObjectNode contact(String firstName, String lastName, String customer) {
        ObjectNode contact = JSON.createObjectNode().put("first_name", firstName).put("last_name", lastName);
        contact.set("links", linkToCustomer(customer));
        return contact;
    }

    private ObjectNode address(String title, String country) {
        ObjectNode address = JSON.createObjectNode().put("address_title", title).put("address_type", "Billing")
                .put("address_line1", "Chestnut Street 92").put("city", "Louisville").put("country", country);
        address.set("links", linkToCustomer("Bob Norman"));
        return address;
    }

    /** Links are checked, so the Customer is seeded when it does not exist yet. */
    private JsonNode linkToCustomer(String customer) {
        if (sandbox.document("Customer", customer).isEmpty()) {
            sandbox.seedDocument("Customer", ErpDocuments.customer("", customer).put("name", customer));
        }
        return JSON.createArrayNode()
                .add(JSON.createObjectNode().put("link_doctype", "Customer").put("link_name", customer));
    }

    private static ObjectNode withEmail(ObjectNode contact, String email) {
        contact.putArray("email_ids").addObject().put("email_id", email).put("is_primary", 1);
        return contact;
    }

    private static ObjectNode withPhone(ObjectNode contact, String phone) {
        contact.putArray("phone_nos").addObject().put("phone", phone).put("is_primary_phone", 1);
        return contact;
    }

    private static String name(SandboxHttp.Answer answer) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body().get("data").get("name").asText();
    }

    private static String message(SandboxHttp.Answer answer) {
        try {
            JsonNode messages = JSON.readTree(answer.body().get("_server_messages").asText());
            return JSON.readTree(messages.get(0).asText()).get("message").asText();
        } catch (Exception e) {
            throw new AssertionError("no _server_messages in " + answer.body(), e);
        }
    }

    private static void assertError(SandboxHttp.Answer answer, int status, String excType) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.body().get("exc_type").asText()).isEqualTo(excType);
    }
}
