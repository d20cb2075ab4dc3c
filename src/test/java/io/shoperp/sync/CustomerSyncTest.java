package io.shoperp.sync;

import static io.shoperp.support.CustomerFixtures.bobNorman;
import static io.shoperp.support.CustomerFixtures.event;
import static io.shoperp.support.CustomerFixtures.mapping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.erpnext.CreateResult;
import io.shoperp.erpnext.CustomFieldSetup;
import io.shoperp.erpnext.ErpNextClient;
import io.shoperp.erpnext.ErpNextPermanentException;
import io.shoperp.erpnext.ErpNextProperties;
import io.shoperp.erpnext.ErpNextTransientException;
import io.shoperp.erpnext.sandbox.ErpDocuments;
import io.shoperp.erpnext.sandbox.ErpNextSandbox;
import io.shoperp.inbox.ApplyOutcome;
import io.shoperp.inbox.InboxEvent;
import io.shoperp.inbox.InboxStatus;
import io.shoperp.inbox.NotReadyException;
import io.shoperp.inbox.UnprocessableEventException;
import io.shoperp.mapping.ErpNextMappingProperties;
import io.shoperp.shopify.ShopifyCustomer;
import io.shoperp.support.CustomerFixtures;
import io.shoperp.support.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CustomerSyncTest {

    private static final String BOB_ID = "706405506930370084";
    private static final String BOB_ADDRESS_ID = "1053317291";
    private static final List<String> DOCTYPES = List.of("Customer", "Address", "Contact");

    private ErpNextSandbox sandbox;
    private ErpNextClient client;
    private CustomerSync sync;

    @BeforeEach
    void start() {
        sandbox = ErpNextSandbox.startSeeded();
        client = new ErpNextClient(properties());
        new CustomFieldSetup(client).run();
        sync = new CustomerSync(client, mapping(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    @Test
    void firstCreateMakesOneCustomerAddressAndContactLinkedAndKeyed() {
        ApplyOutcome outcome = sync.apply(event("customers/create", bobNorman()));

        ObjectNode customer = only("Customer");
        ObjectNode address = only("Address");
        ObjectNode contact = only("Contact");
        assertThat(outcome).isEqualTo(ApplyOutcome.done("Customer Bob Norman: created; Address " + address.get("name").asText()
                + ": created; Contact " + contact.get("name").asText() + ": created"));
        assertThat(customer.get("name").asText()).isEqualTo("Bob Norman");
        assertThat(customer.get("shopify_customer_id").asText()).isEqualTo(BOB_ID);
        assertThat(customer.get("customer_group").asText()).isEqualTo("Individual");
        assertThat(customer.get("customer_primary_contact").asText()).isEqualTo(contact.get("name").asText());
        assertThat(customer.get("customer_primary_address").asText()).isEqualTo(address.get("name").asText());
        assertThat(address.get("shopify_address_id").asText()).isEqualTo(BOB_ADDRESS_ID);
        assertThat(address.get("address_line1").asText()).isEqualTo("Chestnut Street 92");
        assertThat(linkedCustomers(address)).containsExactly("Bob Norman");
        assertThat(contact.get("shopify_customer_id").asText()).isEqualTo(BOB_ID);
        assertThat(linkedCustomers(contact)).containsExactly("Bob Norman");
        assertThat(contact.get("email_ids")).singleElement()
                .satisfies(row -> assertThat(row.get("email_id").asText()).isEqualTo("bob.norman@example.com"));
        assertThat(contact.get("phone_nos")).singleElement()
                .satisfies(row -> assertThat(row.get("phone").asText()).isEqualTo("+16136120707"));
    }

    @Test
    void updateWithChangedNameEmailAndPhoneUpdatesInPlace() {
        sync.apply(event("customers/create", bobNorman()));
        String contactName = only("Contact").get("name").asText();

        ApplyOutcome outcome = sync.apply(event("customers/update", bobNorman().put("first_name", "Robert")
                .put("email", "robert@example.com").put("phone", "+16136120708")));

        assertThat(outcome.detail()).isEqualTo("Customer Bob Norman: updated; Address " + only("Address").get("name").asText()
                + ": unchanged; Contact " + contactName + ": updated");
        assertThat(only("Customer").get("customer_name").asText()).isEqualTo("Robert Norman");
        ObjectNode contact = only("Contact");
        assertThat(contact.get("name").asText()).isEqualTo(contactName);
        assertThat(contact.get("first_name").asText()).isEqualTo("Robert");
        assertThat(contact.get("email_ids")).singleElement()
                .satisfies(row -> assertThat(row.get("email_id").asText()).isEqualTo("robert@example.com"));
        assertThat(contact.get("phone_nos")).singleElement()
                .satisfies(row -> assertThat(row.get("phone").asText()).isEqualTo("+16136120708"));
        assertThat(linkedCustomers(contact)).containsExactly("Bob Norman");
        assertThat(sandbox.requestCount("PUT", "Address")).isZero();
    }

    @Test
    void replayingTheSameEventWritesNothing() {
        InboxEvent created = event("customers/create", bobNorman());
        sync.apply(created);
        List<Integer> writesBefore = writeCounts();

        ApplyOutcome replay = sync.apply(created);

        assertThat(writeCounts()).isEqualTo(writesBefore);
        assertThat(replay.detail()).isEqualTo("Customer Bob Norman: unchanged; Address Bob Norman-Billing: unchanged;"
                + " Contact Bob Norman-Bob Norman: unchanged");
        DOCTYPES.forEach(this::only);
    }

    @Test
    void addressCountryIsTheErpNextCountryOfShopifysIsoCode() {
        sandbox.seedDocument("Country", CustomerFixtures.JSON.createObjectNode()
                .put("name", "Korea, Republic of").put("code", "kr"));
        ObjectNode korean = bobNorman();
        ((ObjectNode) korean.get("default_address")).put("country", "South Korea").put("country_code", "KR");
        ObjectNode american = bobNorman().put("id", 706405506930370085L);
        ((ObjectNode) american.get("default_address")).put("id", 1053317292L);

        sync.apply(event("customers/create", korean));
        sync.apply(event("customers/create", american));

        assertThat(sandbox.documents("Address")).extracting(address -> address.path("country").asText())
                .containsExactlyInAnyOrder("Korea, Republic of", "United States");
    }

    @Test
    void countriesFoundOrNotFoundAreRememberedForTheirTimeToLive() {
        sandbox.seedDocument("Country", CustomerFixtures.JSON.createObjectNode()
                .put("name", "Korea, Republic of").put("code", "kr"));
        Instant t0 = Instant.parse("2026-11-29T10:00:00Z");
        SettableClock clock = new SettableClock(t0);
        ErpNextCountries countries = new ErpNextCountries(client, Duration.ofHours(1), 100, clock);

        assertThat(countries.name("KR", "South Korea")).contains("Korea, Republic of");
        assertThat(countries.name("XK", "Kosovo")).as("a code ERPNext lacks").isEmpty();
        int lookups = sandbox.requestCount("GET", "Country");
        assertThat(countries.name("kr", "South Korea")).contains("Korea, Republic of");
        assertThat(countries.name("XK", "Kosovo")).isEmpty();
        assertThat(sandbox.requestCount("GET", "Country")).as("both remembered").isEqualTo(lookups);

        sandbox.seedDocument("Country", CustomerFixtures.JSON.createObjectNode()
                .put("name", "Kosovo, Republic of").put("code", "xk"));
        clock.at(t0.plus(Duration.ofMinutes(61)));
        assertThat(countries.name("XK", "Kosovo")).as("added in ERPNext, seen after the time to live")
                .contains("Kosovo, Republic of");
    }

    @Test
    void withoutAnIsoCodeTheCountryIsFoundByShopifysName() {
        ErpNextCountries countries = new ErpNextCountries(client, Duration.ofHours(1), 100, Clock.systemUTC());

        assertThat(countries.name(null, "Germany")).contains("Germany");
        assertThat(countries.name(" ", "South Korea")).as("ERPNext's name differs").isEmpty();
    }

    @Test
    void defaultAddressInACountryErpNextLacksIsLeftOutWithTheReasonAndTheRestApplies() {
        ObjectNode kosovar = bobNorman();
        ((ObjectNode) kosovar.get("default_address")).put("country", "Kosovo").put("country_code", "XK")
                .put("city", "Prishtina");

        ApplyOutcome outcome = sync.apply(event("customers/create", kosovar));

        assertThat(outcome.status()).isEqualTo(InboxStatus.DONE);
        assertThat(outcome.detail()).contains("; Address: skipped (default address " + BOB_ADDRESS_ID
                + " is in Kosovo (XK), for which ERPNext has no Country); ");
        assertThat(sandbox.documents("Address")).isEmpty();
        assertThat(only("Customer").has("customer_primary_address")).isFalse();
        only("Contact");
    }

    @Test
    void veryLongNamesStillMakeCustomerContactAndAddressWithinErpNextsNameColumn() {
        ObjectNode bot = bobNorman().put("first_name", "Free-Followers-" + "x".repeat(241))
                .put("last_name", "y".repeat(255));

        ApplyOutcome outcome = sync.apply(event("customers/create", bot));

        assertThat(outcome.status()).isEqualTo(InboxStatus.DONE);
        DOCTYPES.forEach(doctype -> assertThat(only(doctype).get("name").asText()).hasSizeLessThanOrEqualTo(140));
        assertThat(only("Customer").get("customer_name").asText()).startsWith("Free-Followers-xxx").hasSize(132);
        assertThat(linkedCustomers(only("Contact"))).containsExactly(only("Customer").get("name").asText());
        List<Integer> writesBefore = writeCounts();
        sync.apply(event("customers/update", bot));
        assertThat(writeCounts()).as("a replay of shortened names compares equal").isEqualTo(writesBefore);
    }

    @Test
    void aSecondCustomerOfAMiddlingLongNameGetsAContactNameThatStillFits() {
        // 35 + 1 + 34 = 70 characters: the Contact "{full name}-{Customer}" would be 141, and 145 beside "... - 1".
        sync.apply(event("customers/create", otherCustomer(5001, 6001).put("first_name", "A".repeat(35))
                .put("last_name", "B".repeat(34))));
        ApplyOutcome second = sync.apply(event("customers/create", otherCustomer(5002, 6002)
                .put("first_name", "A".repeat(35)).put("last_name", "B".repeat(34))));

        assertThat(second.status()).isEqualTo(InboxStatus.DONE);
        assertThat(sandbox.documents("Contact")).hasSize(2)
                .allSatisfy(contact -> assertThat(contact.get("name").asText()).hasSizeLessThanOrEqualTo(140));
        assertThat(sandbox.documents("Address")).hasSize(2);
    }

    @Test
    void angleBracketsInNamesAreDroppedSoErpNextCanNameTheDocuments() {
        ApplyOutcome outcome = sync.apply(event("customers/create", bobNorman().put("first_name", "<script>Bob")));

        assertThat(outcome.status()).isEqualTo(InboxStatus.DONE);
        assertThat(only("Customer").get("name").asText()).isEqualTo("scriptBob Norman");
        assertThat(only("Contact").get("first_name").asText()).isEqualTo("scriptBob");
    }

    @Test
    void emailAndPhoneErpNextWouldRefuseAreLeftOutOfTheContactAndNamedInTheOutcome() {
        ApplyOutcome outcome = sync.apply(event("customers/create", bobNorman().put("email", "josé@example.com")
                .put("phone", "+1 613 612 0707 ext. 12")));

        assertThat(outcome.status()).isEqualTo(InboxStatus.DONE);
        assertThat(outcome.detail()).endsWith(": created (email and phone left out: not in a form ERPNext accepts)")
                .doesNotContain("josé", "0707");
        ObjectNode contact = only("Contact");
        assertThat(contact.has("email_ids") || contact.has("phone_nos")).isFalse();
        assertThat(only("Customer").get("customer_name").asText()).isEqualTo("Bob Norman");
    }

    @Test
    void customerNamedLikeACustomerGroupIsCreatedUnderThePlaceholderNameAndKeepsItsOwnName() {
        ApplyOutcome outcome = sync.apply(event("customers/create", otherCustomer(5001, 6001)
                .put("first_name", "individual").putNull("last_name")));

        assertThat(outcome.status()).isEqualTo(InboxStatus.DONE);
        ObjectNode customer = only("Customer");
        assertThat(customer.get("name").asText()).isEqualTo("Shopify customer 5001");
        assertThat(customer.get("customer_name").asText()).isEqualTo("individual");
        assertThat(linkedCustomers(only("Contact"))).containsExactly("Shopify customer 5001");
        assertThat(outcome.detail()).startsWith("Customer Shopify customer 5001: created;");
        List<Integer> writesBefore = writeCounts();
        sync.apply(event("customers/update", otherCustomer(5001, 6001).put("first_name", "individual")
                .putNull("last_name")));
        assertThat(writeCounts()).as("a replay writes nothing").isEqualTo(writesBefore);
    }

    @Test
    void customerNamedAsErpNextsNewDocumentPlaceholderIsCreatedUnderTheShopifyPlaceholderName() {
        sync.apply(event("customers/create", otherCustomer(5001, 6001).put("first_name", "New Customer")
                .put("last_name", "7")));

        assertThat(only("Customer").get("name").asText()).isEqualTo("Shopify customer 5001");
        assertThat(only("Customer").get("customer_name").asText()).isEqualTo("New Customer 7");
    }

    @Test
    void losingTheRaceForACustomerNameIsNotReadyAndTheRetryGetsTheNextName() {
        ObjectNode rival = ErpDocuments.customer("5001", "John Smith").put("name", "John Smith");
        CustomerSync racing = new CustomerSync(clientLosingTheNextCustomerNameRaceTo(rival), mapping(), Clock.systemUTC());
        InboxEvent second = event("customers/create", otherCustomer(5002, 6002));

        assertThatThrownBy(() -> racing.apply(second)).isInstanceOf(NotReadyException.class)
                .hasMessageContaining("took this customer's name at the same moment");
        assertThat(sandbox.count("Customer", "shopify_customer_id", "5002")).isZero();

        ApplyOutcome retried = racing.apply(second);
        assertThat(retried.detail()).startsWith("Customer John Smith - 1: created;");
    }

    @Test
    void ordersEnsureTheCustomerOnceWithoutUpdatingAnExistingOne() {
        ErpNextCustomers customers = new ErpNextCustomers(client, mapping());
        ShopifyCustomer buyer = CustomerFixtures.parse(otherCustomer(5001, 6001));

        assertThat(customers.ensure(buyer)).isEqualTo("John Smith");
        int posts = sandbox.requestCount("POST", "Customer");
        assertThat(customers.ensure(CustomerFixtures.parse(otherCustomer(5001, 6001).put("first_name", "Jon"))))
                .isEqualTo("John Smith");
        assertThat(sandbox.requestCount("POST", "Customer")).isEqualTo(posts);
        assertThat(sandbox.requestCount("PUT", "Customer")).isZero();
    }

    @Test
    void ordersEnsuringACustomerHandleTheNamesErpNextRefusesAndTheNameRace() {
        ErpNextCustomers customers = new ErpNextCustomers(client, mapping());
        assertThat(customers.ensure(CustomerFixtures.parse(otherCustomer(5001, 6001).put("first_name", "Individual")
                .putNull("last_name")))).isEqualTo("Shopify customer 5001");

        ObjectNode rival = ErpDocuments.customer("5002", "John Smith").put("name", "John Smith");
        ErpNextCustomers racing = new ErpNextCustomers(clientLosingTheNextCustomerNameRaceTo(rival), mapping());
        ShopifyCustomer buyer = CustomerFixtures.parse(otherCustomer(5003, 6003));
        assertThatThrownBy(() -> racing.ensure(buyer)).isInstanceOf(NotReadyException.class);
        assertThat(racing.ensure(buyer)).isEqualTo("John Smith - 1");
    }

    @Test
    void customerWithoutDefaultAddressGetsNoAddress() {
        ApplyOutcome outcome = sync.apply(event("customers/create", bobNorman().putNull("default_address")));

        assertThat(outcome.detail()).contains("; Address: none (no default address); ");
        assertThat(sandbox.documents("Address")).isEmpty();
        assertThat(only("Customer").has("customer_primary_address")).isFalse();
        only("Contact");
    }

    @Test
    void defaultAddressLackingWhatErpNextRequiresIsSkippedWithANote() {
        ObjectNode payload = bobNorman();
        ((ObjectNode) payload.get("default_address")).putNull("city");

        ApplyOutcome outcome = sync.apply(event("customers/create", payload));

        assertThat(outcome.status()).isEqualTo(InboxStatus.DONE);
        assertThat(outcome.detail()).contains("; Address: skipped (default address " + BOB_ADDRESS_ID + " lacks city); ");
        assertThat(sandbox.documents("Address")).isEmpty();
    }

    @Test
    void customerWithoutNamesIsNamedByEmail() {
        sync.apply(event("customers/create", bobNorman().putNull("first_name").putNull("last_name")));

        assertThat(only("Customer").get("name").asText()).isEqualTo("bob.norman@example.com");
        assertThat(only("Contact").get("first_name").asText()).isEqualTo("bob.norman");
    }

    @Test
    void customerWithOnlyA64BitIdKeepsItExactly() {
        ApplyOutcome outcome = sync.apply(event("customers/update",
                CustomerFixtures.fixture("customers-update-unapproved-fields.json")));

        ObjectNode customer = only("Customer");
        assertThat(customer.get("shopify_customer_id").asText()).isEqualTo("9007199254740993");
        assertThat(customer.get("customer_name").asText()).isEqualTo("Shopify customer 9007199254740993");
        assertThat(only("Contact").get("shopify_customer_id").asText()).isEqualTo("9007199254740993");
        assertThat(outcome.detail()).startsWith("Customer Shopify customer 9007199254740993: created;");
    }

    @Test
    void nonAsciiNamesSurviveTheRoundTrip() {
        sync.apply(event("customers/create", bobNorman().put("first_name", "Zoë").put("last_name", "Ångström")));
        sync.apply(event("customers/create", otherCustomer(5001, 6001).put("first_name", "東京").put("last_name", "太郎")));

        assertThat(sandbox.document("Customer", "Zoë Ångström")).isPresent();
        assertThat(sandbox.document("Customer", "東京 太郎")).isPresent();
        assertThat(sandbox.count("Contact", "first_name", "東京")).isEqualTo(1);
        assertThat(sandbox.count("Contact", "last_name", "Ångström")).isEqualTo(1);
        List<Integer> writesBefore = writeCounts();
        sync.apply(event("customers/update", bobNorman().put("first_name", "Zoë").put("last_name", "Ångström")));
        assertThat(writeCounts()).as("a replay with non-ASCII names compares equal").isEqualTo(writesBefore);
    }

    @Test
    void twoShopifyCustomersWithTheSameNameBecomeTwoCustomersEachKeyedByItsId() {
        sync.apply(event("customers/create", otherCustomer(5001, 6001)));
        sync.apply(event("customers/create", otherCustomer(5002, 6002)));

        assertThat(sandbox.document("Customer", "John Smith").orElseThrow().get("shopify_customer_id").asText())
                .isEqualTo("5001");
        assertThat(sandbox.document("Customer", "John Smith - 1").orElseThrow().get("shopify_customer_id").asText())
                .isEqualTo("5002");
        assertThat(linkedCustomers(byKey("Contact", "shopify_customer_id", "5002"))).containsExactly("John Smith - 1");
        assertThat(linkedCustomers(byKey("Address", "shopify_address_id", "6002"))).containsExactly("John Smith - 1");
        assertThat(linkedCustomers(byKey("Contact", "shopify_customer_id", "5001"))).containsExactly("John Smith");

        ApplyOutcome replayOfSecond = sync.apply(event("customers/update", otherCustomer(5002, 6002)));
        assertThat(replayOfSecond.detail()).startsWith("Customer John Smith - 1: unchanged;");
        assertThat(sandbox.documents("Customer")).hasSize(2);
    }

    @Test
    void concurrentApplyOfTheSameEventEndsWithOneOfEach() throws Exception {
        InboxEvent created = event("customers/create", bobNorman());
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<ApplyOutcome>> runs = List.of(1, 2).stream()
                    .map(worker -> CompletableFuture.supplyAsync(() -> {
                        awaitQuietly(together);
                        return sync.apply(created);
                    }, workers))
                    .toList();

            for (CompletableFuture<ApplyOutcome> run : runs) {
                assertThat(run.get(20, TimeUnit.SECONDS).status()).isEqualTo(InboxStatus.DONE);
            }
        } finally {
            workers.shutdownNow();
        }
        DOCTYPES.forEach(this::only);
        assertThat(only("Customer").get("name").asText()).isEqualTo("Bob Norman");
        assertThat(linkedCustomers(only("Contact"))).containsExactly("Bob Norman");
    }

    @Test
    void createWhoseAnswerWasLostIsFoundInsteadOfDuplicated() {
        sandbox.faults().commitThenDropResponse(1, Duration.ZERO);

        ApplyOutcome outcome = sync.apply(event("customers/create", bobNorman()));

        assertThat(outcome.status()).isEqualTo(InboxStatus.DONE);
        DOCTYPES.forEach(this::only);
        assertThat(only("Customer").get("customer_primary_contact").asText()).isEqualTo(only("Contact").get("name").asText());
    }

    @Test
    void unavailableErpNextPropagatesAsTransient() {
        sandbox.faults().failNext(1, 503, null);

        assertThatThrownBy(() -> sync.apply(event("customers/create", bobNorman())))
                .isInstanceOf(ErpNextTransientException.class);
        assertThat(sandbox.documents("Customer")).isEmpty();
    }

    @Test
    void missingCustomerGroupFailsNamingTheKeyBeforeAnyWrite() {
        ErpNextMappingProperties unconfigured = mapping();
        unconfigured.setCustomerGroup(" ");
        CustomerSync misconfigured = new CustomerSync(client, unconfigured, Clock.systemUTC());

        assertThatThrownBy(() -> misconfigured.apply(event("customers/create", bobNorman())))
                .isInstanceOf(UnprocessableEventException.class)
                .hasMessageContaining("erpnext.customer-group");
        assertThat(writeCounts()).containsOnly(0);
    }

    @Test
    void malformedPayloadIsAUnprocessableEvent() {
        InboxEvent broken = new InboxEvent(2, "shop.myshopify.com", "customers/create", "w", "customer:1", null, null,
                null, "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8), InboxStatus.PROCESSING, 1, null, null, null);

        assertThatThrownBy(() -> sync.apply(broken)).isInstanceOf(UnprocessableEventException.class);
    }

    private ErpNextProperties properties() {
        return new ErpNextProperties(sandbox.baseUrl(), sandbox.apiKey(), sandbox.apiSecret(),
                Duration.ofMillis(500), Duration.ofSeconds(5), false,
                new ErpNextProperties.CircuitBreaker(50, 4, 4, Duration.ofSeconds(30), 1, null));
    }

    /**
     * ERPNext's Customer naming checks that the name is free, then inserts: a Customer of the same name committed in
     * between (another worker) makes the insert fail on the primary key. The sandbox is one atomic step, so the next
     * Customer create sees the rival commit first and is answered as ERPNext answers it, 409 DuplicateEntryError,
     * with no document holding the key (exactly what ErpNextClient.create throws then).
     */
    private ErpNextClient clientLosingTheNextCustomerNameRaceTo(ObjectNode rival) {
        return new ErpNextClient(properties()) {
            private boolean raced;

            @Override
            public CreateResult create(String doctype, ObjectNode document, String keyField) {
                if (!"Customer".equals(doctype) || raced) {
                    return super.create(doctype, document, keyField);
                }
                raced = true;
                sandbox.seedDocument("Customer", rival);
                throw new ErpNextPermanentException("create Customer " + keyField + "=" + document.path(keyField).asText()
                        + ": HTTP 409 DuplicateEntryError: Customer " + rival.get("name").asText() + " already exists",
                        409, "DuplicateEntryError");
            }
        };
    }

    /** A John Smith with his own Shopify ids and a complete default address. */
    private static ObjectNode otherCustomer(long customerId, long addressId) {
        ObjectNode payload = bobNorman().put("id", customerId).put("first_name", "John").put("last_name", "Smith")
                .put("email", "john" + customerId + "@example.com");
        ((ObjectNode) payload.get("default_address")).put("id", addressId).put("customer_id", customerId);
        return payload;
    }

    private ObjectNode only(String doctype) {
        List<ObjectNode> documents = sandbox.documents(doctype);
        assertThat(documents).as(doctype + " documents").hasSize(1);
        return documents.get(0);
    }

    private ObjectNode byKey(String doctype, String keyField, String key) {
        return sandbox.documents(doctype).stream().filter(doc -> key.equals(doc.path(keyField).asText()))
                .reduce((a, b) -> {
                    throw new AssertionError("several " + doctype + " with " + keyField + "=" + key);
                })
                .orElseThrow();
    }

    private static List<String> linkedCustomers(ObjectNode document) {
        return stream(document.path("links")).filter(link -> "Customer".equals(link.path("link_doctype").asText()))
                .map(link -> link.path("link_name").asText()).toList();
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }

    private List<Integer> writeCounts() {
        return DOCTYPES.stream().flatMap(doctype -> java.util.stream.Stream.of(
                sandbox.requestCount("POST", doctype), sandbox.requestCount("PUT", doctype))).toList();
    }

    private static void awaitQuietly(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
