import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Studio, StudioState } from '../../store';

const StudioContext = createContext<Studio | null>(null);

export function StudioProvider({ studio, children }: { studio: Studio; children: ReactNode }) {
  return <StudioContext.Provider value={studio}>{children}</StudioContext.Provider>;
}

export function useStudio(): Studio {
  const studio = useContext(StudioContext);
  if (!studio) throw new Error('useStudio outside <StudioProvider>');
  return studio;
}

/** Subscribes to one slice of the studio state (re-renders only when it changes). */
export function useStudioState<T>(selector: (state: StudioState) => T): T {
  return useStore(useStudio().store, selector);
}

/** The studio's commands. Buttons call `run('button', …)` so the studio knows where a call came from. */
export function useActions(): Studio['actions'] {
  return useStudio().actions;
}

export function useServices(): Studio['services'] {
  return useStudio().services;
}
