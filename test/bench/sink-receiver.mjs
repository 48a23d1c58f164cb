// The seeds bench's SMTP receiver, in a process of its own as a real receiver would be:
// in the bench's process it took a third of the CPU both contenders were measured on.
// Accepts everything, keeps nothing; prints its port, stops when the bench disconnects.
import { SMTPServer } from 'smtp-server';

let accepted = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => callback(null, `Ok: queued as S${++accepted}`));
  },
});
smtp.listen(0, '127.0.0.1', () => process.send({ port: smtp.server.address().port }));
process.on('disconnect', () => smtp.close(() => process.exit(0)));
