// Run by crash.test.ts as a real child process: imports one file into a plan and
// prints each progress report, so the parent can SIGKILL it in the middle.
import { openDatabase } from '../../../electron/db/open';
import { WarmupService } from '../../../electron/services/warmup/service';

const [databaseFile, planName, file] = process.argv.slice(2);
const db = openDatabase(databaseFile!);
const service = new WarmupService(db);
const summary = await service.import(service.plan(planName!).id, 'sendgrid', { path: file! }, (p) => {
  process.stdout.write(`progress ${p.read}\n`);
});
process.stdout.write(`done ${summary.imported}\n`);
db.close();
