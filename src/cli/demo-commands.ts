import { randomInt } from 'node:crypto';
import { type Command, InvalidArgumentError } from 'commander';
import { analyze } from '../db/client.js';
import { passwordProblem } from '../modules/accounts/rules.js';
import { generateDemo, MAX_DEMO_STAFF, MIN_DEMO_STAFF } from '../modules/demo/generate.js';
import {
  ADMIN_LOGIN,
  CENTRAL_LOGIN,
  findDemoTenant,
  SEED_STEPS,
  type SeedPhase,
  type SeedTiming,
  seedDemo,
  timed,
} from '../modules/demo/seed.js';
import { LEFT_FOR_VISITORS, seedDemoSelfcheck } from '../modules/demo/selfcheck-seed.js';
import { boot } from '../server/boot.js';
import { systemCtx } from '../server/context.js';
import { type Progress, progressLine } from './progress.js';
import { serve } from './serve-commands.js';

const fmt = (n: number) => n.toLocaleString('en-US');

const PHASES: Record<SeedPhase, string> = {
  hash: 'パスワードをハッシュ化中… / Hashing the password…',
  central: '中央機関を作成中… / Creating the central body…',
  tenant: 'デモ省を作成中… / Creating the agency…',
  units: '組織を作成中… / Creating units…',
  people: '職員を登録中… / Registering staff…',
  accounts: 'アカウントを作成中… / Creating accounts…',
  roles: '役割を割り当て中… / Assigning roles…',
};

/** Easy to type from a printout: no 0/O, 1/l/I. Random per run, so two demos never share a password. */
function randomPassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const group = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return `demo-${group()}-${group()}-${group()}`;
}

function intOption(min: number, max: number) {
  return (value: string) => {
    const n = Number(value.replaceAll(',', '').replaceAll('_', ''));
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${min} から ${max} までの整数 / an integer from ${min} to ${max}`);
    }
    return n;
  };
}

/**
 * Prints a progress line at each phase's start and end, and every 10,000 rows in between; on a
 * terminal the rows go to the progress bar instead.
 */
function progressPrinter(bar: Progress, tty: boolean) {
  let last: SeedPhase | null = null;
  return (phase: SeedPhase, done: number, total: number) => {
    if (tty) return bar.tick(done, total);
    const big = total >= 100;
    if (phase !== last) {
      last = phase;
      if (!big || done === 0) console.log(`  ${PHASES[phase]}`);
    }
    if (big && (done % 10_000 === 0 || done === total) && done > 0) {
      console.log(`  ${PHASES[phase]} ${fmt(done)}/${fmt(total)}`);
    }
  };
}

/** `--timings`: each step's wall time on stderr, so a slow seed shows which part is slow. */
function timingPrinter(): SeedTiming {
  // On a terminal, clear the progress line first; it is drawn again at the next step.
  const clear = process.stderr.isTTY ? '\r\x1b[2K' : '';
  return (step, ms) =>
    console.error(`${clear}  [timing] ${step.padEnd(16)} ${(ms / 1000).toFixed(2).padStart(7)} s`);
}

function printAccess(url: string, password: string | null) {
  const pw = password ?? '（変更なし / unchanged）';
  console.log(`
  URL:                      ${url}
  ログインID / Login:       ${ADMIN_LOGIN}
  パスワード / Password:    ${pw}

  職員は全員、職員番号を小文字にしたログインID（例: d000123）と同じパスワードでログインできます。
  Every staff member can log in with their staff number in lower case (e.g. d000123) and the same password.
  中央機関（NISC）の担当者 / Central body analyst: ${CENTRAL_LOGIN}
  このパスワードはデモ専用です。本番環境では使わないでください。 / This password is for the demo only.
`);
}

export function registerDemoCommands(program: Command) {
  program
    .command('demo')
    .description('Create the fictional agency デモ省 with staff, roles and an administrator, then serve')
    .option('--staff <n>', 'number of staff', intOption(MIN_DEMO_STAFF, MAX_DEMO_STAFF), 2000)
    .option('--seed <s>', 'random seed: the same seed gives the same agency', intOption(0, 2 ** 32 - 1), 1)
    .option('--password <p>', 'password of every demo account (default: random, printed)')
    .option('--no-serve', 'create the data and exit without starting the server')
    .option('--timings', 'print the wall time of each seeding step to stderr')
    .action(
      async (opts: { staff: number; seed: number; password?: string; serve: boolean; timings?: boolean }) => {
        const onTiming = opts.timings ? timingPrinter() : undefined;
        const password = opts.password ?? randomPassword();
        const problem = passwordProblem(password, ADMIN_LOGIN);
        if (problem) {
          console.error(`パスワードが弱すぎます / The password is too weak: ${problem}`);
          process.exitCode = 1;
          return;
        }
        // boot, generate, the seed's steps, self-check, statistics
        const bar = progressLine('mamoru demo', SEED_STEPS.length + 4);
        const tty = Boolean(process.stderr.isTTY);
        bar.step('boot');
        const booted = await timed(onTiming, 'boot', () => boot());
        const { config, database } = booted;
        let untouched: string[] = [];
        if (await findDemoTenant(database.db)) {
          console.log('デモ省は作成済みです。パスワードは変更していません。');
          console.log('The demo agency already exists; its password is unchanged.');
          if (opts.password) console.log('--password は使いませんでした / --password was not used.');
          console.log('やり直すには DATA_DIR を削除するか、空のデータベースを使ってください。');
          console.log('To start over, remove DATA_DIR or use an empty database.');
          bar.end('already created');
          printAccess(config.publicUrl, null);
        } else {
          console.log(`デモデータを作成します（職員 ${fmt(opts.staff)} 名、シード ${opts.seed}）`);
          console.log(`Creating demo data (${fmt(opts.staff)} staff, seed ${opts.seed})`);
          const started = performance.now();
          bar.step('generate');
          const plan = await timed(onTiming, 'generate', async () =>
            generateDemo({ staff: opts.staff, seed: opts.seed }),
          );
          const ctx = systemCtx(database.db, config, booted.env);
          const result = await seedDemo(ctx, {
            plan,
            password,
            onProgress: progressPrinter(bar, tty),
            onTiming,
            onStep: (s) => bar.step(s),
          });
          if (!tty)
            console.log(
              '  自己点検（令和7年度 公表済み・令和8年度 実施中）を作成中… / Creating self-check campaigns…',
            );
          bar.step('selfcheck');
          const visitors = plan.people
            .filter((p) => p.status === 'active' && p.staffNo !== plan.adminStaffNo)
            .slice(0, LEFT_FOR_VISITORS)
            .map((p) => p.staffNo);
          const selfcheck = await timed(onTiming, 'selfcheck', () =>
            seedDemoSelfcheck(ctx, {
              tenantId: result.tenantId,
              seed: opts.seed,
              visitorStaffNos: visitors,
            }),
          );
          // Fresh statistics, or PGlite plans queries over 50,000 people as if the tables were empty.
          bar.step('analyze');
          await timed(onTiming, 'analyze', () => analyze(database.db));
          bar.end();
          untouched = visitors.map((s) => s.toLowerCase());
          console.log(`  回答済み ${fmt(selfcheck.answered)} 件 / questionnaires submitted`);
          const seconds = ((performance.now() - started) / 1000).toFixed(1);
          console.log(`完了しました（${seconds} 秒） / Done in ${seconds} s:`);
          console.log(
            `  組織 ${fmt(result.units)} / units, 職員 ${fmt(result.people)} / staff, ` +
              `役割 ${fmt(result.assignments)} / role assignments`,
          );
          printAccess(config.publicUrl, password);
          console.log(
            `  自己点検を未回答のまま残した職員 / Staff whose self-check is left unanswered: ${untouched.join(', ')}\n`,
          );
        }
        if (!opts.serve) {
          await database.close();
          return;
        }
        await serve(booted);
        console.log(
          `${config.publicUrl} で待ち受けています / Serving on ${config.publicUrl} (Ctrl+C で終了 / to stop)`,
        );
      },
    );
}
