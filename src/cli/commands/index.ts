/** Every `hint-studio` command. To add one: create commands/<name>.ts exporting a CliCommand and list it here. */
import type { CliCommand } from '../io';
import { exportCommand } from './export';
import { importCommand } from './import';
import { renderCommand } from './render';
import { serveCommand } from './serve';
import { statsCommand } from './stats';
import { userCommand } from './user';
import { verifyCommand } from './verify';

export const commands: CliCommand[] = [importCommand, statsCommand, renderCommand, verifyCommand, exportCommand, serveCommand, userCommand];
