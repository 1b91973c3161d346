#!/usr/bin/env node
// Entry point of the `minlaege-sandbox` command.
import { run } from './program.ts';

process.exitCode = await run(process.argv.slice(2));
