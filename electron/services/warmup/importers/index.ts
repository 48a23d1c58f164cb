import type { EspFormat } from '../../../../shared/contract/warmup';
import { mailgun } from './mailgun';
import { postmark } from './postmark';
import { sendgrid } from './sendgrid';
import { ses } from './ses';
import { sparkpost } from './sparkpost';
import type { EspImporter } from './types';

export const importers: Readonly<Record<EspFormat, EspImporter>> = { sendgrid, mailgun, postmark, ses, sparkpost };
export type { EspImporter, EventSink, MappedEvent } from './types';
