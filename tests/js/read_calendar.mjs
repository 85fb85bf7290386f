// Reads one .ics file with Mozilla's ical.js and with node-ical, as calendar apps
// built on them do, and prints each one's events as JSON (times in UTC) for the tests.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";
import nodeIcal from "node-ical";

const text = readFileSync(process.argv[2], "utf8");

function withIcalJs() {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  return calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      location: event.location,
      status: component.getFirstPropertyValue("status"),
      sequence: Number(event.sequence ?? 0),
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      zone: event.startDate.zone.tzid,
    };
  });
}

function withNodeIcal() {
  return Object.values(nodeIcal.sync.parseICS(text))
    .filter((item) => item.type === "VEVENT")
    .map((event) => ({
      uid: event.uid,
      summary: event.summary,
      location: event.location,
      status: event.status,
      sequence: Number(event.sequence ?? 0),
      start: event.start.toISOString(),
      end: event.end.toISOString(),
      zone: event.start.tz,
    }));
}

console.log(JSON.stringify({ "ical.js": withIcalJs(), "node-ical": withNodeIcal() }));
