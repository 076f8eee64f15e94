package io.patternhub.examples.demo;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.patternhub.hub.access.Download;
import jakarta.mail.internet.MimeMessage;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Opens the local mailbox: every buyer's email carries signed links, and the hub accepts them. */
final class DownloadLinksStep implements DemoStep {
    private static final Pattern LINK = Pattern.compile("https://downloads\\.tilly\\.example/d/\\S+");

    @Override
    public String title() {
        return "Buyers receive signed download links";
    }

    @Override
    public void run(DemoWorld world, StepLog log) throws Exception {
        MimeMessage[] mails = world.mail().getReceivedMessages();
        int links = 0;
        int verified = 0;
        for (MimeMessage m : mails) {
            Object content = m.getContent();
            Matcher matcher = LINK.matcher(content instanceof String text ? text : GreenMailUtil.getBody(m));
            while (matcher.find()) {
                links++;
                Download d = world.links().verify(matcher.group());
                if (d.fileName() != null) {
                    verified++;
                }
            }
        }
        world.summary().set("emails.received", mails.length);
        world.summary().set("links.sent", links);
        world.summary().set("links.verified", verified);
        if (mails.length > 0) {
            log.say("first email: to %s, subject \"%s\"", mails[0].getAllRecipients()[0], mails[0].getSubject());
        }
        log.say("%d emails in the local mailbox with %d signed links; %d verified by the hub (each link has a"
                + " download limit and an expiry)", mails.length, links, verified);
    }
}
