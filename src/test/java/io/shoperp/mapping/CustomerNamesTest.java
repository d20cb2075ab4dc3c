package io.shoperp.mapping;

import static io.shoperp.support.CustomerFixtures.bobNorman;
import static io.shoperp.support.CustomerFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.shopify.ShopifyCustomer;
import org.junit.jupiter.api.Test;

class CustomerNamesTest {

    @Test
    void customerNameFallsBackToTheEmailThenToThePlaceholder() {
        ObjectNode payload = bobNorman().putNull("first_name").put("last_name", "  ");
        assertThat(CustomerNames.customerName(parse(payload))).isEqualTo("bob.norman@example.com");

        payload.putNull("email");
        assertThat(CustomerNames.customerName(parse(payload))).isEqualTo("Shopify customer 706405506930370084");
    }

    @Test
    void customerNameUsesWhicheverNamePartIsKnownTrimmed() {
        assertThat(CustomerNames.customerName(parse(bobNorman().putNull("first_name").put("last_name", " Norman "))))
                .isEqualTo("Norman");
    }

    @Test
    void customerNameDropsAngleBracketsAndANameMadeOnlyOfThemCountsAsNone() {
        assertThat(CustomerNames.customerName(parse(bobNorman().put("first_name", "<b>Bob</b>"))))
                .isEqualTo("bBob/b Norman");
        assertThat(CustomerNames.customerName(parse(bobNorman().put("first_name", "<>").put("last_name", " > "))))
                .isEqualTo("bob.norman@example.com");
    }

    @Test
    void customerNameLeavesRoomForAClashSuffixAndTheContactName() {
        String name = CustomerNames.customerName(parse(bobNorman().put("first_name", "F".repeat(255))
                .put("last_name", "L".repeat(255))));

        assertThat(name).hasSize(132).isEqualTo("F".repeat(132));
        assertThat(name + " - 9").hasSizeLessThanOrEqualTo(140);
    }

    @Test
    void customerNameIsCutOnCodePointsNeverInsideACharacter() {
        String emoji = "\uD83D\uDE00"; // one code point, two UTF-16 units
        String name = CustomerNames.customerName(parse(bobNorman().put("first_name", emoji.repeat(200))
                .putNull("last_name")));

        assertThat(name.codePointCount(0, name.length())).isEqualTo(132);
        assertThat(name).isEqualTo(emoji.repeat(132));
    }

    @Test
    void contactKeepsShortNamesWhole() {
        CustomerNames.PersonName names = CustomerNames.contactName(parse(bobNorman()), "Bob Norman");

        assertThat(names).isEqualTo(new CustomerNames.PersonName("Bob", Optional.of("Norman")));
    }

    @Test
    void contactNamesShrinkToFitTheContactNameWithAClashNumberFirstNameFirst() {
        ShopifyCustomer longNames = parse(bobNorman().put("first_name", "Maximiliane".repeat(6))
                .put("last_name", "Long".repeat(20)));
        String customerDocName = "M".repeat(80);

        CustomerNames.PersonName names = CustomerNames.contactName(longNames, customerDocName);

        String fullName = names.first() + names.last().map(last -> " " + last).orElse("");
        assertThat(fullName + "-" + customerDocName + "-9").hasSize(140);
        assertThat(names.first()).isEqualTo("Maximiliane".repeat(5) + "Ma");
        assertThat(names.last()).isEmpty();
    }

    @Test
    void contactKeepsAtLeastOneLetterBesideTheLongestCustomerName() {
        String longestCustomerDocName = "N".repeat(CustomerNames.CUSTOMER_NAME_LENGTH) + " - 9";

        CustomerNames.PersonName names = CustomerNames.contactName(parse(bobNorman()), longestCustomerDocName);

        assertThat(names).isEqualTo(new CustomerNames.PersonName("B", Optional.empty()));
        assertThat("B-" + longestCustomerDocName + "-9").hasSize(140);
    }

    @Test
    void contactLastNameGetsWhatTheFirstNameLeaves() {
        ShopifyCustomer customer = parse(bobNorman().put("first_name", "Anna")
                .put("last_name", "Maria-Theresia von Habsburg"));
        String customerDocName = "C".repeat(118);

        CustomerNames.PersonName names = CustomerNames.contactName(customer, customerDocName);

        assertThat(names).isEqualTo(new CustomerNames.PersonName("Anna", Optional.of("Maria-Theresia")));
    }

    @Test
    void addressTitleLeavesRoomForTheAddressTypeAndAClashNumber() {
        assertThat(CustomerNames.addressTitle("Bob Norman")).isEqualTo("Bob Norman");
        assertThat(CustomerNames.addressTitle("T".repeat(140)) + "-Billing-9").hasSize(140);
    }
}
