package io.shoperp.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoperp.support.CustomerFixtures;
import org.junit.jupiter.api.Test;

class KeyedUpsertDifferencesTest {

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) CustomerFixtures.JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void equalValuesAndFieldsTheIntegrationDoesNotOwnAreNoDifference() {
        ObjectNode stored = json("{'name':'C1','customer_name':'Bob','is_frozen':0,'disabled':1,'modified':'2026-11-28'}");

        assertThat(KeyedUpsert.differences(stored, json("{'customer_name':'Bob','disabled':'1'}"))).isEmpty();
    }

    @Test
    void changedAndMissingScalarsAreDifferences() {
        ObjectNode stored = json("{'name':'C1','customer_name':'Bob','territory':null}");

        assertThat(KeyedUpsert.differences(stored, json("{'customer_name':'Robert','territory':'US','mobile':'1'}")))
                .isEqualTo(json("{'customer_name':'Robert','territory':'US','mobile':'1'}"));
    }

    @Test
    void childRowsCompareOnTheDesiredFieldsIgnoringRowMetadata() {
        ObjectNode stored = json("{'links':[{'name':'r1','idx':1,'parent':'C','parenttype':'Contact',"
                + "'link_doctype':'Customer','link_name':'Bob','link_title':'Bob'}]}");

        assertThat(KeyedUpsert.differences(stored, json("{'links':[{'link_doctype':'Customer','link_name':'Bob'}]}")))
                .isEmpty();
    }

    @Test
    void aChangedAddedOrRemovedRowSendsTheWholeTable() {
        ObjectNode stored = json("{'email_ids':[{'name':'r1','email_id':'old@example.com','is_primary':1}]}");
        JsonNode changed = json("{'email_ids':[{'email_id':'new@example.com','is_primary':1}]}");
        JsonNode added = json("{'email_ids':[{'email_id':'old@example.com','is_primary':1},{'email_id':'b@example.com'}]}");

        assertThat(KeyedUpsert.differences(stored, (ObjectNode) changed)).isEqualTo(changed);
        assertThat(KeyedUpsert.differences(stored, (ObjectNode) added)).isEqualTo(added);
        assertThat(KeyedUpsert.differences(json("{'name':'C'}"), (ObjectNode) changed)).isEqualTo(changed);
        assertThat(KeyedUpsert.differences(stored, json("{'email_ids':[]}"))).isEqualTo(json("{'email_ids':[]}"));
    }
}
