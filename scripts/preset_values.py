#!/usr/bin/env python3
# The values of scenarios/presets/README.md ("Values reproduced"): runs each preset on the
# behaviour tests' scenarios, as tests/sim/cli/presets_behaviour_test.cpp does, and prints the
# table rows. Run from the source tree after building: python3 scripts/preset_values.py
import json, subprocess, csv, os, tempfile
TMP=tempfile.mkdtemp(prefix='preset-values-')
B='build/discolab'
def run(preset, scen='tests/data/presets/crash-churn.yaml', extra=[]):
    out=TMP+'/'+preset+('-'+'-'.join(x.split('=')[-1] for x in extra if '=' in x) if extra else '')+os.path.basename(scen)
    subprocess.run([B,'run',scen,'--preset',preset,'--quiet','--out',out,'--force']+extra,check=True,capture_output=True)
    return json.load(open(out+'/summary.json')), out
def prop(s,kind,ch):
    b=s['staleness']['by_component'][kind]['by_change'][ch]
    return b['propagation_pairs'], b['propagation_min_s'], b['propagation_max_s']
def fmt(t): return 'n=%d, min %.2f s, max %.2f s'%t
rows=[]
s,_=run('eureka-ribbon')
rows.append(('eureka-ribbon','client views, ready',fmt(prop(s,'client','ready'))))
rows.append(('eureka-ribbon','registry, unready',fmt(prop(s,'registry','unready'))))
rows.append(('eureka-ribbon','client views, unready',fmt(prop(s,'client','unready'))))
s,_=run('kube-proxy-iptables')
for ch in ('ready','unready'): rows.append(('kube-proxy-iptables','proxy tables, '+ch,fmt(prop(s,'proxy',ch))))
s,_=run('consul-template-haproxy')
rows.append(('consul-template-haproxy','registry, unready',fmt(prop(s,'registry','unready'))))
rows.append(('consul-template-haproxy','LB, unready',fmt(prop(s,'lb','unready'))))
w,wo=run('consul-template-haproxy','tests/data/presets/rolling-burst.yaml',['--set','patterns.central_lb.lb.sync.wait_min=2s'])
a,_=run('consul-template-haproxy','tests/data/presets/rolling-burst.yaml')
t=[float(r['t_s']) for r in csv.DictReader(open(wo+'/events.csv')) if r['kind']=='view' and r['subject'].startswith('registry/')]
rows.append(('consul-template-haproxy','rolling-burst: reloads','%d with wait_min 2 s, %d without; registry changes over %.1f s'%(w['counters']['configsync.reloads'],a['counters']['configsync.reloads'],t[-1]-t[0])))
rows.append(('consul-template-haproxy','rolling-burst, wait_min 2 s: registry / LB ready',fmt(prop(w,'registry','ready'))+' / '+fmt(prop(w,'lb','ready'))))
s,o=run('nginx-passive')
rows.append(('nginx-passive','LB, unready',fmt(prop(s,'lb','unready'))))
rows.append(('nginx-passive','registry, unready',fmt(prop(s,'registry','unready'))))
for p,k in (('coredns-kube-dns+resolver-nscd','client'),('dcos-spartan+resolver-nscd','client'),('mesos-dns+resolver-nscd','client')):
    s,_=run(p)
    for ch in ('ready','unready'): rows.append((p,'client views, '+ch,fmt(prop(s,k,ch))))
s,_=run('consul-dns')
rows.append(('consul-dns','DNS answers, unready',fmt(prop(s,'dns-server','unready'))))
for p in ('smartstack','dcos-minuteman','linkerd'):
    s,_=run(p)
    for ch in ('ready','unready'): rows.append((p,'proxy tables, '+ch,fmt(prop(s,'proxy',ch))))
s,_=run('vulcand-etcd')
rows.append(('vulcand-etcd','LB, unready',fmt(prop(s,'lb','unready'))))
s,_=run('kong')
rows.append(('kong','gateway, ready',fmt(prop(s,'gateway','ready'))))
for r in rows: print('| %s | %s | %s |'%r)
