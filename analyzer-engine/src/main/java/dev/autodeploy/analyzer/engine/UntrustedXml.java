package dev.autodeploy.analyzer.engine;

import java.io.StringReader;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** Parses XML from a repository (pom.xml, *.csproj) with every external or expanding feature off. */
final class UntrustedXml {

    private UntrustedXml() {
    }

    /**
     * A DOM parser for untrusted XML: a DOCTYPE is refused outright (no entity can read a file or a URL,
     * no entity expansion bomb), XInclude is off, and nothing external is ever resolved.
     */
    static Document parse(String text) throws SAXException {
        String xml = text.startsWith("\uFEFF") ? text.substring(1) : text; // a BOM would be "content in prolog"
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("External entity refused: " + systemId);
            });
            builder.setErrorHandler(new ErrorHandler() {

                @Override
                public void warning(SAXParseException exception) {
                }

                @Override
                public void error(SAXParseException exception) throws SAXException {
                    throw exception;
                }

                @Override
                public void fatalError(SAXParseException exception) throws SAXException {
                    throw exception;
                }
            });
            return builder.parse(new InputSource(new StringReader(xml)));
        }
        catch (ParserConfigurationException ex) {
            throw new IllegalStateException("The JDK's XML parser lacks a required safety feature", ex);
        }
        catch (java.io.IOException ex) {
            throw new SAXException(ex);
        }
    }
}
