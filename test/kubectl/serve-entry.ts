// Runs the kube-dorm CLI from source (tests spawn it as a child process, like a learner's terminal).
import { main } from '../../cli/main';

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(String(e?.stack ?? e) + '\n');
    process.exit(70);
  },
);
