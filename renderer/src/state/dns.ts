import type { DnsSource } from '../../../shared/contract/auth';
import { createStore } from './store';

/** Where DNS answers come from (`mode`), and a server when one is named. */
export interface DnsChoice {
  mode: DnsSource['mode'];
  server: string;
}

/**
 * The DNS source chosen under Authentication, and the offline zone typed there. Shared so that
 * every tool that looks DNS up (the warm-up wizard's "Check DNS" too) answers from the same
 * place, instead of the live DNS while the person believes they are checking their draft zone.
 */
export const dnsStore = createStore<{ choice: DnsChoice; zoneText: string }>({ choice: { mode: 'system', server: '' }, zoneText: '' });

/** The picker's state and the zone's text as the contract's DnsSource. */
export function dnsSource(choice: DnsChoice, zone: string): DnsSource {
  const server = choice.server.trim();
  switch (choice.mode) {
    case 'system':
      return { mode: 'system' };
    case 'server':
      return { mode: 'server', server };
    case 'zone':
      return { mode: 'zone', zone };
    case 'layered':
      return server ? { mode: 'layered', zone, server } : { mode: 'layered', zone };
  }
}

/** How a person would name the source in a sentence ("the offline zone"). */
export function dnsSourceWords(choice: DnsChoice): string {
  switch (choice.mode) {
    case 'system':
      return 'live DNS';
    case 'server':
      return `the DNS server ${choice.server.trim()}`;
    case 'zone':
      return 'the offline zone (Authentication › Zone)';
    case 'layered':
      return 'the offline zone, then live DNS';
  }
}
