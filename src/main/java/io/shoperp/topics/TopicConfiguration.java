package io.shoperp.topics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topic table as a bean: built-in rows and {@code bridge.topics}; a wrong row stops the application at start. */
@Configuration
public class TopicConfiguration {

    @Bean
    public TopicTable topicTable(TopicProperties properties) {
        return TopicTable.with(properties.getTopics());
    }
}
