package io.shoperp.inbox;

import io.shoperp.topics.TopicTable;
import org.springframework.stereotype.Component;

/**
 * The topic table as the routes ask it: the router's stage for a topic a deployment added, and the guard every stage
 * template (apply-template.yaml) puts before its applier: only the topics the topic table routes to the stage reach
 * it. Anything else (a router edited in a deployment) is IGNORED with the reason, because
 * applying a deletion or a redaction as if it were a create would invent documents.
 */
@Component("inboxStages")
public class InboxStages {

    private final TopicTable topics;

    public InboxStages(TopicTable topics) {
        this.topics = topics;
    }

    /** For the topic router: the event's topic has a stage in the table. */
    public boolean hasStage(InboxEvent event) {
        return topics.stageOf(event.topic()).isPresent();
    }

    public String stageOf(InboxEvent event) {
        return topics.stageOf(event.topic()).orElseThrow(() -> new IllegalArgumentException("no stage for "
                + event.topic()));
    }

    public boolean routedHere(InboxEvent event, String stage) {
        return topics.stageOf(event.topic()).filter(stage::equals).isPresent();
    }

    public ApplyOutcome notRoutedHere(InboxEvent event, String stage) {
        return ApplyOutcome.ignored(stage + " applies " + topics.topicsRoutedTo(stage) + ", not " + event.topic());
    }
}
