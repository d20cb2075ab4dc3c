package io.shoperp.topics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code bridge.topics."<topic>"}: rows a deployment adds to the topic table, or changes in it. Each names the stage
 * endpoint of a route of the deployment's own (config/routes) that applies the topic, and for a topic the table does
 * not know, its entity key ({@code order:id}) and data kind ({@code orders}, ..., {@code none}).
 */
@ConfigurationProperties("bridge")
public class TopicProperties {

    private Map<String, Row> topics = new LinkedHashMap<>();

    public Map<String, Row> getTopics() {
        return topics;
    }

    public void setTopics(Map<String, Row> topics) {
        this.topics = topics;
    }

    /** One configured row; what it leaves out comes from the built-in row of the same topic, if any. */
    public static class Row {

        private String entityKey;
        private String dataKind;
        private String stage;

        TopicRoute toRoute(String topic, TopicRoute builtIn) {
            if (builtIn == null && entityKey == null) {
                throw new IllegalArgumentException("bridge.topics.\"" + topic + "\".entity-key is required for a topic"
                        + " the bridge does not know, e.g. order:id");
            }
            EntityKeyRule key = entityKey != null ? EntityKeyRule.parse(entityKey) : builtIn.entityKey();
            Optional<DataKind> kind = dataKind == null ? builtIn == null ? Optional.empty() : builtIn.dataKind()
                    : "none".equals(dataKind) ? Optional.empty() : Optional.of(DataKind.ofTag(dataKind));
            Optional<String> routedTo = stage == null ? builtIn == null ? Optional.empty() : builtIn.stage()
                    : stage.isBlank() ? Optional.empty() : Optional.of(stage.trim());
            return new TopicRoute(topic, key, kind, routedTo);
        }

        public String getEntityKey() {
            return entityKey;
        }

        public void setEntityKey(String entityKey) {
            this.entityKey = entityKey;
        }

        public String getDataKind() {
            return dataKind;
        }

        public void setDataKind(String dataKind) {
            this.dataKind = dataKind;
        }

        public String getStage() {
            return stage;
        }

        public void setStage(String stage) {
            this.stage = stage;
        }
    }
}
