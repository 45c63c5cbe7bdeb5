export { teamCommands, refusedText, ASSIGNABLE } from './commands';
export { teamConnection, type TeamConnection, type TeamConnectionOptions } from './connection';
export { projectToOpen, rememberProject, rememberedProject, type ChoiceStorage } from './projectChoice';
export { filterByAssignment, assignedToMe, inMyQueue, type AssignedFilter } from './assignment';
export type { TeamUi, TeamDialog, LeaveTarget } from './state';
export { scopedStorage, type ScopedStorage } from './scopedStorage';
