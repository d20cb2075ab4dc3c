package io.shoperp.ops;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.jolokia.server.core.restrictor.policy.MBeanAccessChecker;
import org.jolokia.server.core.restrictor.policy.PolicyRestrictor;
import org.jolokia.server.core.util.RequestType;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * Jolokia's restrictor for this application: the policy file {@code jolokia-access.xml}, with exec and write requests
 * allowed only on the MBeans its {@code <allow>} section lists. Jolokia's own {@link PolicyRestrictor} cannot say
 * that: it consults {@code <allow>} only for request types a {@code <commands>} section leaves out, and Jolokia 2
 * refuses such a type before it looks at any MBean, so a plain policy can deny MBeans but not confine exec and write
 * to Camel's. Jolokia instantiates this class by name (management.endpoint.jolokia.config.restrictorClass).
 */
public class JolokiaAccessPolicy extends PolicyRestrictor {

    static final String POLICY = "/jolokia-access.xml";

    private final MBeanAccessChecker allowSection;

    public JolokiaAccessPolicy() {
        this(readPolicy());
    }

    private JolokiaAccessPolicy(byte[] policy) {
        super(new ByteArrayInputStream(policy));
        try {
            allowSection = new MBeanAccessChecker(parse(policy));
        } catch (MalformedObjectNameException | ParserConfigurationException | SAXException | IOException e) {
            throw new SecurityException("Cannot read " + POLICY + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isOperationAllowed(ObjectName name, String operation) {
        return super.isOperationAllowed(name, operation) && listedInAllow(RequestType.EXEC, name, operation);
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
        return super.isAttributeWriteAllowed(name, attribute) && listedInAllow(RequestType.WRITE, name, attribute);
    }

    /** With "type not allowed in general", the checker answers from the allow section alone. */
    private boolean listedInAllow(RequestType type, ObjectName name, String value) {
        return allowSection.check(new MBeanAccessChecker.Arg(false, type, name, value));
    }

    private static byte[] readPolicy() {
        try (InputStream in = JolokiaAccessPolicy.class.getResourceAsStream(POLICY)) {
            if (in == null) {
                throw new SecurityException(POLICY + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As Jolokia parses it: no external entities, no DTD. */
    private static Document parse(byte[] policy) throws ParserConfigurationException, SAXException, IOException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(policy));
    }
}
