import { type Client, createClient, type Transport } from '../../../shared/contract/client';
import { webTransport } from './web-transport';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    workbench?: Transport;
  }
}

export const isDesktop = window.workbench !== undefined;

/** The contract client for this UI, whichever transport carries it. */
export const client: Client = createClient(window.workbench ?? webTransport());
